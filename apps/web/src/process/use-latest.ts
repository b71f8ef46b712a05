import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A function whose identity never changes but that always runs the latest `fn`. Handing React Flow
 * and memoised panels stable callbacks keeps a canvas render from updating the flow's store (which
 * re-runs the selectors of every node, handle and edge).
 */
export function useLatest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}
