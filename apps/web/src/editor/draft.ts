import type { Component, ComponentBody } from '@flowline/contracts';

/** What an editor changes: the parts of a component a save sends. */
export interface Draft {
  name: string;
  description: string;
  body: ComponentBody;
}

export const draftOf = (c: Component): Draft => ({ name: c.name, description: c.description, body: c.body });

/** True when the draft differs from the saved component (key order ignored by re-serialising). */
export function isDirty(saved: Component, draft: Draft): boolean {
  return stable(draftOf(saved)) !== stable(draft);
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** Props every body editor receives. */
export interface BodyEditorProps<T = ComponentBody> {
  component: Component;
  body: T;
  onChange: (body: T) => void;
  /** The draft differs from the saved revision (tests and lookups use the saved one). */
  dirty: boolean;
}
