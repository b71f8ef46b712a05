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

const keyOf = (userId: string, componentId: string) => `flowline.draft.${userId}.${componentId}`;

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
    let stored: StoredDraft | undefined;
    try {
      stored = JSON.parse(localStorage.getItem(keyOf(userId, componentId)) ?? 'null') ?? undefined;
    } catch {
      stored = undefined;
    }
    const age = stored ? Date.now() - Date.parse(stored.at) : Number.NaN;
    if (!stored || typeof stored.base !== 'number' || !stored.draft?.body || !(age < KEEP_DAYS * 864e5)) {
      draftStore.forget(userId, componentId);
      return undefined;
    }
    return stored;
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
