import type { ProcessDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { tidyUp } from './tidy-up.js';

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
      { shapeId: 'b', position: { x: 240, y: 0 } },
      { shapeId: 'c', position: { x: 480, y: 0 } },
    ]);
  });
});
