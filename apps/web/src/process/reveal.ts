import type { Rect, Viewport } from '@xyflow/react';

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

const inside = (view: Rect, r: Rect) =>
  r.x >= view.x &&
  r.y >= view.y &&
  r.x + r.width <= view.x + view.width &&
  r.y + r.height <= view.y + view.height;

type Size = { width: number; height: number };

/**
 * The viewport after the canvas changed size (the shape inspector opening beside it, a window
 * resized), keeping the shapes seen before in sight: moved as little as that needs, or, when they no
 * longer fit, zoomed out just enough to hold them all (never below `minZoom`). React Flow itself keeps
 * the top-left corner, which hid the shapes at the right edge behind the inspector.
 */
export function keepInView(
  viewport: Viewport,
  before: Size,
  after: Size,
  shapes: Rect[],
  minZoom: number,
): Viewport {
  const { x, y, zoom } = viewport;
  const view = (size: Size) => ({
    x: -x / zoom,
    y: -y / zoom,
    width: size.width / zoom,
    height: size.height / zoom,
  });
  const seen = shapes.filter((s) => inside(view(before), s));
  if (seen.length === 0)
    return { x: x + (after.width - before.width) / 2, y: y + (after.height - before.height) / 2, zoom };
  const left = Math.min(...seen.map((s) => s.x));
  const top = Math.min(...seen.map((s) => s.y));
  const all = {
    x: left,
    y: top,
    width: Math.max(...seen.map((s) => s.x + s.width)) - left,
    height: Math.max(...seen.map((s) => s.y + s.height)) - top,
  };
  const fit = Math.min(
    zoom,
    after.width / (all.width + 2 * MARGIN),
    after.height / (all.height + 2 * MARGIN),
  );
  if (fit >= zoom) {
    const { dx, dy } = shiftToShow(view(after), all);
    return { x: x - dx * zoom, y: y - dy * zoom, zoom };
  }
  const z = Math.max(fit, minZoom);
  return {
    x: after.width / 2 - (all.x + all.width / 2) * z,
    y: after.height / 2 - (all.y + all.height / 2) * z,
    zoom: z,
  };
}

/** The view before the canvas last narrowed, the size it had then, and the view `keepInView` gave. */
export type NarrowedView = { size: Size; before: Viewport; given: Viewport };

const near = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-4;

/**
 * The view to go back to when the canvas gets back the size it had before it narrowed (the shape
 * inspector closing): the view it had then, if the person has not moved it since. Otherwise none,
 * and the shapes are kept in view as usual.
 */
export function viewToRestore(
  narrowed: NarrowedView | undefined,
  size: Size,
  current: Viewport,
): Viewport | undefined {
  if (!narrowed || size.width !== narrowed.size.width || size.height !== narrowed.size.height)
    return undefined;
  return near(current, narrowed.given) ? narrowed.before : undefined;
}
