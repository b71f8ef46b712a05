import type { Component } from '@flowline/contracts';
import { useEffect, useState } from 'react';
import { useSession } from '../api/session.js';
import { type Draft, isDirty } from './draft.js';
import { draftStore, type StoredDraft } from './draft-store.js';

/**
 * The editor's unsaved draft kept in this browser while it is unsaved, and the one a tab that crashed
 * or was closed left behind (`offer`), until it is taken or dropped.
 */
export function useKeptDraft(saved: Component, base: Component, draft: Draft, dirty: boolean) {
  const userId = useSession().data?.user.id;
  const [offer, setOffer] = useState(() => {
    if (!userId) return undefined;
    const stored = draftStore.read(userId, saved.id);
    if (!stored || isDirty(saved, stored.draft)) return stored;
    // What it held was saved since: nothing to offer, now or later.
    draftStore.forget(userId, saved.id);
    return undefined;
  });
  useEffect(() => {
    if (!userId || offer) return;
    if (!dirty) return draftStore.forgetOwn(userId, base.id);
    // Kept a moment after the last change: a body can be large, and a keystroke needs no copy of it.
    const kept = setTimeout(() => draftStore.keep(userId, base, draft), 300);
    return () => clearTimeout(kept);
  }, [userId, offer, dirty, base, draft]);
  return {
    offer,
    /** The page is closing with changes: kept at once, not a moment later. */
    keepNow: () => {
      if (userId && !offer && dirty) draftStore.keep(userId, base, draft);
    },
    /** Left without saving, on purpose. */
    forget: () => userId && draftStore.forgetOwn(userId, base.id),
    taken: () => {
      if (userId) draftStore.adopt(userId, saved.id);
      setOffer(undefined);
    },
    discard: () => {
      if (userId) draftStore.forget(userId, base.id);
      setOffer(undefined);
    },
  };
}

/** Offers back what a closed tab left unsaved. */
export function KeptDraftOffer({
  offer,
  baseVersion,
  onRestore,
  onDiscard,
}: {
  offer: StoredDraft;
  baseVersion: number;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  return (
    <section aria-label="Unsaved changes kept in this browser" className="panel draft-offer">
      <p>
        Changes to this component were not saved when its page closed, at{' '}
        {new Date(offer.at).toLocaleString()}: this browser kept them.
        {offer.base !== baseVersion &&
          ` They started from revision ${offer.base}; revision ${baseVersion} was saved since, so a save shows what changed.`}
      </p>
      <button type="button" onClick={onRestore}>
        Restore them
      </button>{' '}
      <button type="button" onClick={onDiscard}>
        Discard them
      </button>
    </section>
  );
}
