import { describe, expect, it } from 'vitest';
import { checkGraph, type Graph } from './graph.js';

const shapes = (...kinds: [string, string][]) => kinds.map(([id, kind]) => ({ id, kind }));

describe('checkGraph', () => {
  it('accepts a straight line from one start', () => {
    const g: Graph = {
      shapes: shapes(['s', 'start'], ['m', 'map'], ['c', 'connector']),
      edges: [
        { from: 's', to: 'm' },
        { from: 'm', to: 'c' },
      ],
    };
    expect(checkGraph(g)).toEqual([]);
  });

  it('wants exactly one start', () => {
    expect(checkGraph({ shapes: shapes(['m', 'map']), edges: [] })[0]?.message).toMatch(
      /exactly one start.*has 0/,
    );
    const two = checkGraph({ shapes: shapes(['a', 'start'], ['b', 'start']), edges: [] });
    expect(two[0]?.message).toMatch(/has 2/);
  });

  it('names unreachable shapes and unknown edge ends', () => {
    const problems = checkGraph({
      shapes: shapes(['s', 'start'], ['lonely', 'map']),
      edges: [{ from: 's', to: 'ghost' }],
    });
    expect(problems).toContainEqual({
      code: 'unknown-shape',
      shapeId: 'ghost',
      message: expect.stringContaining('does not exist'),
    });
    expect(problems).toContainEqual({
      code: 'unreachable',
      shapeId: 'lonely',
      message: expect.stringContaining('No path'),
    });
  });

  it('names every shape on a cycle, and only those', () => {
    const problems = checkGraph({
      shapes: shapes(['s', 'start'], ['a', 'map'], ['b', 'decision'], ['c', 'stop']),
      edges: [
        { from: 's', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'b', to: 'c' },
      ],
    });
    expect(problems.filter((p) => p.message.includes('cycle')).map((p) => p.shapeId)).toEqual(['a', 'b']);
  });
});
