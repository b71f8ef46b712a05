import { useCallback, useRef, useState } from 'react';
import type { Draft } from './draft.js';

/** A component's draft with what came before and what an undo set aside. */
export interface DraftHistory {
  past: Draft[];
  present: Draft;
  future: Draft[];
}

/** Undo steps kept: a long session of edits must not grow without end. */
export const HISTORY_LIMIT = 200;

export const startHistory = (present: Draft): DraftHistory => ({ past: [], present, future: [] });

/**
 * `next` as the present; `merge` folds it into the last step (the keystrokes of one visit to a field).
 * A change that changes nothing adds no step.
 */
export function record(h: DraftHistory, next: Draft, merge: boolean): DraftHistory {
  if (next === h.present) return h;
  if (merge && h.past.length > 0) return { past: h.past, present: next, future: [] };
  return { past: [...h.past.slice(-(HISTORY_LIMIT - 1)), h.present], present: next, future: [] };
}

export function undo(h: DraftHistory): DraftHistory {
  const previous = h.past.at(-1);
  return previous ? { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] } : h;
}

export function redo(h: DraftHistory): DraftHistory {
  const [next, ...rest] = h.future;
  return next ? { past: [...h.past, h.present], present: next, future: rest } : h;
}

/** The text field being typed in, if any: its keystrokes make one step; a click elsewhere starts another. */
export function textFieldIn(element: Element | null): Element | null {
  if (element instanceof HTMLTextAreaElement) return element;
  if (
    element instanceof HTMLInputElement &&
    !/^(checkbox|radio|button|submit|reset|file)$/.test(element.type)
  )
    return element;
  return null;
}

/**
 * The draft an editor changes, as undo/redo steps. Every change through `change` is a step, except that
 * typing on in the same text field extends the step it began. `replace` puts a new present without a
 * step (the saved revision as the server answered it); `reset` starts over (a restored revision).
 */
export function useDraftHistory(initial: () => Draft) {
  const [history, setHistory] = useState(() => startHistory(initial()));
  // Read outside the state updater: React may call an updater twice, and the second call must merge alike.
  const lastField = useRef<Element | null>(null);
  const change = useCallback((update: (d: Draft) => Draft) => {
    const field = textFieldIn(document.activeElement);
    const merge = field !== null && field === lastField.current;
    lastField.current = field;
    setHistory((h) => record(h, update(h.present), merge));
  }, []);
  const step = useCallback((move: (h: DraftHistory) => DraftHistory) => {
    lastField.current = null;
    setHistory(move);
  }, []);
  return {
    draft: history.present,
    change,
    undo: useCallback(() => step(undo), [step]),
    redo: useCallback(() => step(redo), [step]),
    replace: useCallback((d: Draft) => step((h) => ({ ...h, present: d })), [step]),
    reset: useCallback((d: Draft) => step(() => startHistory(d)), [step]),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
}
