import type { ProcessDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { nextPlace, tidyUp } from './layout.js';

const shape = (id: string) => ({
  id,
  kind: 'stop' as const,
  position: { x: 9, y: 9 },
  config: { scope: 'path' as const },
});

describe('tidyUp', () => {
  it('puts each shape in the column of its longest distance from the start', () => {
    const p = {
      schemaVersion: 1,
      name: 'p',
      shapes: [shape('a'), shape('b'), shape('c')],
      edges: [
        { id: '1', from: 'a', handle: 'out', to: 'b' },
        { id: '2', from: 'b', handle: 'out', to: 'c' },
        { id: '3', from: 'a', handle: 'x', to: 'c' },
      ],
    } as ProcessDefinition;
    expect(tidyUp(p)).toEqual([
      { shapeId: 'a', position: { x: 0, y: 0 } },
      { shapeId: 'b', position: { x: 270, y: 0 } },
      { shapeId: 'c', position: { x: 540, y: 0 } },
    ]);
  });

  it('makes each column as wide as its widest shape', () => {
    const p = {
      schemaVersion: 1,
      name: 'p',
      shapes: [shape('a'), shape('b'), shape('long'), shape('c')],
      edges: [
        { id: '1', from: 'a', handle: 'out', to: 'b' },
        { id: '2', from: 'a', handle: 'x', to: 'long' },
        { id: '3', from: 'b', handle: 'out', to: 'c' },
      ],
    } as ProcessDefinition;
    const widths: Record<string, number> = { a: 150, b: 160, long: 420, c: 150 };
    expect(tidyUp(p, (id) => widths[id]!)).toEqual([
      { shapeId: 'a', position: { x: 0, y: 0 } },
      { shapeId: 'b', position: { x: 240, y: 0 } },
      { shapeId: 'long', position: { x: 240, y: 130 } },
      { shapeId: 'c', position: { x: 750, y: 0 } },
    ]);
  });
});

describe('nextPlace', () => {
  it('puts a new shape right of the rightmost one as drawn, clear of a long name', () => {
    const at = (id: string, x: number, y: number) => ({ ...shape(id), position: { x, y } });
    expect(nextPlace([])).toEqual({ x: 0, y: 0 });
    expect(nextPlace([at('a', 0, 0), at('b', 240, 40)])).toEqual({ x: 510, y: 40 });
    // b starts further right, but a's long name reaches further.
    const widths: Record<string, number> = { a: 600, b: 150 };
    expect(nextPlace([at('a', 0, 0), at('b', 240, 40)], (id) => widths[id]!)).toEqual({ x: 690, y: 0 });
  });
});
