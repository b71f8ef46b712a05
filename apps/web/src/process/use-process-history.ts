import type { ProcessDefinition } from '@flowline/contracts';
import { applyOperation, type ProcessOperation } from '@flowline/engine';
import { useCallback, useEffect, useRef, useState } from 'react';

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
  useEffect(() => {
    if (body !== emitted.current) {
      emitted.current = body;
      now.current = { past: [], present: body, future: [] };
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
  /** Applies one operation; answers the refusal message instead of changing anything when refused. */
  const dispatch = useCallback(
    (op: ProcessOperation): string | null => {
      const h = now.current;
      try {
        const { process } = applyOperation(h.present, op);
        commit({ past: [...h.past.slice(-LIMIT), h.present], present: process, future: [] });
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
      commit({ past: [...h.past, h.present], present: p, future: [] });
    },
    [commit],
  );
  const undo = useCallback(() => {
    const h = now.current;
    const prev = h.past.at(-1);
    if (prev) commit({ past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] });
  }, [commit]);
  const redo = useCallback(() => {
    const h = now.current;
    const [next, ...rest] = h.future;
    if (next) commit({ past: [...h.past, h.present], present: next, future: rest });
  }, [commit]);
  return {
    process: h.present,
    dispatch,
    replace,
    undo,
    redo,
    canUndo: h.past.length > 0,
    canRedo: h.future.length > 0,
  };
}
