import type { ProcessDefinition } from '@flowline/contracts';
import { applyOperation, type ProcessOperation } from '@flowline/engine';
import { useCallback, useEffect, useRef, useState } from 'react';
import { rememberProblems } from './process-problems.js';

interface History {
  past: ProcessDefinition[];
  present: ProcessDefinition;
  future: ProcessDefinition[];
}

const LIMIT = 200;

/**
 * The process being edited as an undo/redo stack of snapshots produced by the engine's pure reducer.
 * Every change is reported through `onChange`; a body that changes from outside (reload, restore)
 * starts a new history.
 */
export function useProcessHistory(body: ProcessDefinition, onChange: (p: ProcessDefinition) => void) {
  const [h, setH] = useState<History>({ past: [], present: body, future: [] });
  // Edits that arrive in one tick (async palette drops) must apply on top of each other: they read
  // the newest history from this ref, not the one of the last render.
  const now = useRef(h);
  const emitted = useRef(body);
  // The edit the last operation belonged to: the keystrokes of one visit to a field are one undo step.
  const lastEdit = useRef<string | null>(null);
  useEffect(() => {
    if (body !== emitted.current) {
      emitted.current = body;
      now.current = { past: [], present: body, future: [] };
      lastEdit.current = null;
      setH(now.current);
    }
  }, [body]);
  const commit = useCallback(
    (next: History) => {
      now.current = next;
      setH(next);
      emitted.current = next.present;
      onChange(next.present);
    },
    [onChange],
  );
  /**
   * Applies one operation; answers the refusal message instead of changing anything when refused.
   * Operations with the same `edit` name in a row make one undo step.
   */
  const dispatch = useCallback(
    (op: ProcessOperation, edit?: string): string | null => {
      const h = now.current;
      try {
        const { process, problems } = applyOperation(h.present, op);
        rememberProblems(process, problems);
        const merge = edit !== undefined && edit === lastEdit.current && h.past.length > 0;
        lastEdit.current = edit ?? null;
        commit({
          past: merge ? h.past : [...h.past.slice(-LIMIT), h.present],
          present: process,
          future: [],
        });
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
    [commit],
  );
  /** Replaces the whole process (import), as one undoable step. */
  const replace = useCallback(
    (p: ProcessDefinition) => {
      const h = now.current;
      lastEdit.current = null;
      commit({ past: [...h.past, h.present], present: p, future: [] });
    },
    [commit],
  );
  const undo = useCallback(() => {
    const h = now.current;
    const prev = h.past.at(-1);
    lastEdit.current = null;
    if (prev) commit({ past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] });
  }, [commit]);
  const redo = useCallback(() => {
    const h = now.current;
    const [next, ...rest] = h.future;
    lastEdit.current = null;
    if (next) commit({ past: [...h.past, h.present], present: next, future: rest });
  }, [commit]);
  /** The newest revision, even before the canvas rendered it. */
  const latest = useCallback(() => now.current.present, []);
  return {
    process: h.present,
    latest,
    dispatch,
    replace,
    undo,
    redo,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
  };
}
