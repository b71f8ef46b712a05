import type { Component } from '@flowline/contracts';
import type { Draft } from './draft.js';

/** An unsaved draft kept in this browser, and the revision it started from. */
export interface StoredDraft {
  base: number;
  /** The page that kept it (see `forgetOwn`). */
  tab: string;
  at: string;
  draft: Draft;
}

/** Older drafts are not offered back: what they changed is long forgotten. */
const KEEP_DAYS = 30;

const PREFIX = 'flowline.draft.';
const keyOf = (userId: string, componentId: string) => `${PREFIX}${userId}.${componentId}`;

/** The keys of the drafts this browser keeps, whoever's (read before any is removed). */
function draftKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

function isStale(stored: StoredDraft | undefined): boolean {
  const age = stored ? Date.now() - Date.parse(stored.at) : Number.NaN;
  return !stored || typeof stored.base !== 'number' || !stored.draft?.body || !(age < KEEP_DAYS * 864e5);
}

function parsed(text: string | null): StoredDraft | undefined {
  try {
    return JSON.parse(text ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Whether this page has swept out the drafts no one will be offered again (see `sweep`). */
let swept = false;

/** This page: two tabs on one component share its stored draft, and one saving must not drop the other's. */
const TAB = crypto.randomUUID();

/**
 * Unsaved drafts in `localStorage`, per person and component, so a tab that crashed or was closed
 * loses nothing typed: the editor offers them back. Never a connection's, whose draft may hold a
 * secret as typed (secrets never leave the server once saved, and never rest in the browser).
 */
export const draftStore = {
  keep(userId: string, base: Component, draft: Draft): void {
    if (base.type === 'connection') return;
    const stored: StoredDraft = { base: base.version, tab: TAB, at: new Date().toISOString(), draft };
    try {
      localStorage.setItem(keyOf(userId, base.id), JSON.stringify(stored));
    } catch {
      // Full (a large process): an older copy of this draft must not come back instead.
      draftStore.forget(userId, base.id);
    }
  },

  read(userId: string, componentId: string): StoredDraft | undefined {
    draftStore.sweep();
    let stored: StoredDraft | undefined;
    try {
      stored = parsed(localStorage.getItem(keyOf(userId, componentId)));
    } catch {
      stored = undefined;
    }
    if (isStale(stored)) {
      draftStore.forget(userId, componentId);
      return undefined;
    }
    return stored;
  },

  /**
   * Once a page: drops every draft too old to be offered back, or unreadable, of anyone who used this
   * browser. A draft is otherwise dropped only when its component is opened again, which one deleted
   * meanwhile, or never opened again, never is.
   */
  sweep(): void {
    if (swept) return;
    swept = true;
    try {
      for (const key of draftKeys())
        if (isStale(parsed(localStorage.getItem(key)))) localStorage.removeItem(key);
    } catch {
      // Storage turned off: nothing was kept either.
    }
  },

  /** A deleted component's drafts, whoever kept them in this browser: no one can save them now. */
  forgetComponent(componentId: string): void {
    try {
      for (const key of draftKeys()) if (key.endsWith(`.${componentId}`)) localStorage.removeItem(key);
    } catch {
      // Storage turned off: nothing was kept either.
    }
  },

  /**
   * A draft a closed page left, restored here, becomes this page's: saved or left here, it is forgotten
   * (`forgetOwn`) as this page's own would be, not offered again later.
   */
  adopt(userId: string, componentId: string): void {
    try {
      const stored = parsed(localStorage.getItem(keyOf(userId, componentId)));
      if (stored) localStorage.setItem(keyOf(userId, componentId), JSON.stringify({ ...stored, tab: TAB }));
    } catch {
      // Storage turned off, or full: left as it is.
    }
  },

  /** Forgets the draft if this page kept it (saved, or left on purpose): another tab's stays. */
  forgetOwn(userId: string, componentId: string): void {
    try {
      const stored = JSON.parse(localStorage.getItem(keyOf(userId, componentId)) ?? 'null');
      if (stored?.tab === TAB) localStorage.removeItem(keyOf(userId, componentId));
    } catch {
      // Storage turned off, or not ours to read: left as it is.
    }
  },

  forget(userId: string, componentId: string): void {
    try {
      localStorage.removeItem(keyOf(userId, componentId));
    } catch {
      // Storage turned off: nothing was kept either.
    }
  },
};
