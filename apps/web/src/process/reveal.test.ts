import { describe, expect, it } from 'vitest';
import { keepInView, shiftToShow, viewToRestore } from './reveal.js';

const view = { x: 0, y: 0, width: 1000, height: 500 };
const shape = (x: number, y: number) => ({ x, y, width: 180, height: 60 });

describe('shiftToShow', () => {
  it('leaves the view alone when the shape is wholly seen, even at its very edge', () => {
    expect(shiftToShow(view, shape(0, 0))).toEqual({ dx: 0, dy: 0 });
    expect(shiftToShow(view, shape(820, 440))).toEqual({ dx: 0, dy: 0 });
  });

  it('moves only as far as the shape and a margin need, keeping the rest in sight', () => {
    // Right edge at 1060: 60 past the view, 40 more of margin.
    expect(shiftToShow(view, shape(880, 100))).toEqual({ dx: 100, dy: 0 });
    expect(shiftToShow(view, shape(-50, 480))).toEqual({ dx: -90, dy: 80 });
  });

  it('shows the start of a shape wider than the view', () => {
    expect(shiftToShow({ x: 0, y: 0, width: 150, height: 500 }, shape(300, 10))).toEqual({ dx: 260, dy: 0 });
  });
});

describe('keepInView', () => {
  const at = { x: 0, y: 0, zoom: 1 };
  const wide = { width: 1000, height: 500 };
  const narrow = { width: 700, height: 500 };
  it('moves just enough for the shapes seen before to be seen in a narrower canvas', () => {
    // Seen: 300–780 in all; its right edge and the margin need 780 + 40 - 700.
    expect(keepInView(at, wide, narrow, [shape(300, 10), shape(600, 10)], 0.1)).toEqual({
      x: -120,
      y: 0,
      zoom: 1,
    });
    expect(keepInView(at, wide, narrow, [shape(100, 10), shape(300, 10)], 0.1)).toEqual(at);
    // One out of sight before is not brought in.
    expect(keepInView(at, wide, narrow, [shape(100, 10), shape(1200, 10)], 0.1)).toEqual(at);
  });

  it('zooms out just enough, around them, when the shapes seen no longer fit', () => {
    // 0–980 plus margins is 1060 wide: 700 / 1060 of the zoom, centred.
    const v = keepInView(at, wide, narrow, [shape(0, 10), shape(800, 10)], 0.1);
    expect(v.zoom).toBeCloseTo(700 / 1060);
    expect(v.x + 490 * v.zoom).toBeCloseTo(350);
    expect(keepInView(at, wide, { width: 10, height: 500 }, [shape(0, 10)], 0.1).zoom).toBe(0.1);
  });

  it('keeps the middle in the middle when no shape was in sight', () => {
    expect(keepInView(at, wide, narrow, [], 0.1)).toEqual({ x: -150, y: 0, zoom: 1 });
  });
});

describe('viewToRestore', () => {
  const before = { x: 10, y: 20, zoom: 1 };
  const given = { x: -120.25, y: 0, zoom: 0.8 };
  const narrowed = { size: { width: 1000, height: 500 }, before, given };
  it('goes back to the view before the canvas narrowed once it has its size back', () => {
    expect(viewToRestore(narrowed, { width: 1000, height: 500 }, { x: -120, y: 0.2, zoom: 0.8 })).toEqual(
      before,
    );
  });

  it('leaves a view the person moved since, or a canvas of another size, to keepInView', () => {
    expect(
      viewToRestore(narrowed, { width: 1000, height: 500 }, { x: -300, y: 0, zoom: 0.8 }),
    ).toBeUndefined();
    expect(viewToRestore(narrowed, { width: 1000, height: 500 }, { ...given, zoom: 1.2 })).toBeUndefined();
    expect(viewToRestore(narrowed, { width: 1100, height: 500 }, given)).toBeUndefined();
    expect(viewToRestore(undefined, { width: 1000, height: 500 }, given)).toBeUndefined();
  });
});
