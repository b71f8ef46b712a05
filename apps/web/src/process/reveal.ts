import type { Rect } from '@xyflow/react';

/** Room left between a revealed shape and the canvas's edge. */
const MARGIN = 40;

/** How far the view must move along one axis for [start, end) to lie inside [lo, hi). */
function shift(lo: number, hi: number, start: number, end: number): number {
  if (start >= lo && end <= hi) return 0;
  const from = start - MARGIN;
  const to = end + MARGIN;
  // Wider than the view, or past its start: its start is what the person reads first.
  if (to - from >= hi - lo || from < lo) return from - lo;
  return to - hi;
}

/**
 * How far (in flow units) the view must move for `shape` to be wholly seen in `view`: as little as
 * that, so what the person was looking at stays in sight as far as it can; nothing if it is seen.
 */
export function shiftToShow(view: Rect, shape: Rect): { dx: number; dy: number } {
  return {
    dx: shift(view.x, view.x + view.width, shape.x, shape.x + shape.width),
    dy: shift(view.y, view.y + view.height, shape.y, shape.y + shape.height),
  };
}
