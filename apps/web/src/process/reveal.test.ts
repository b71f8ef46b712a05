import { describe, expect, it } from 'vitest';
import { shiftToShow } from './reveal.js';

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
