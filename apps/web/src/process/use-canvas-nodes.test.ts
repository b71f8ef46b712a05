import type { ProcessDefinition, Shape } from '@flowline/contracts';
import { applyOperation, createShape, validateProcess } from '@flowline/engine';
import { describe, expect, it } from 'vitest';
import { problemsOf, rememberProblems } from './process-problems.js';
import { nodesFor } from './use-canvas-nodes.js';

function process(n: number): ProcessDefinition {
  const shapes: Shape[] = Array.from({ length: n }, (_, i) =>
    i === 0
      ? createShape('start', 's0', { x: 0, y: 0 })
      : createShape('message', `s${i}`, { x: i * 220, y: 0 }),
  );
  return { schemaVersion: 1, name: 'p', shapes, edges: [] };
}

describe('nodesFor', () => {
  it('keeps the node of every shape an edit did not touch, measured size included', () => {
    const before = process(300);
    const first = nodesFor(before, problemsOf(before), []).map((n) => ({
      ...n,
      measured: { width: 180, height: 60 },
    }));
    const { process: after, problems } = applyOperation(before, {
      type: 'renameShape',
      shapeId: 's7',
      name: 'Seventh',
    });
    const next = nodesFor(after, problems, first);
    expect(next.filter((n, i) => n !== first[i]).map((n) => n.id)).toEqual(['s7']);
    expect(next[7]?.data.shape.name).toBe('Seventh');
    expect(next[7]?.measured).toEqual({ width: 180, height: 60 });
  });

  it('gives each shape its own problems as its badge', () => {
    const p = process(2);
    const nodes = nodesFor(p, validateProcess(p), []);
    const expected = validateProcess(p)
      .filter((x) => x.shapeId === 's1')
      .map((x) => x.message);
    expect(expected.length).toBeGreaterThan(0);
    expect(nodes[1]?.data.problems).toEqual(expected);
  });
});

describe('problemsOf', () => {
  it('validates a revision once and answers the reducer’s own problems for the revisions it made', () => {
    const p = process(3);
    expect(problemsOf(p)).toBe(problemsOf(p));
    const { process: next, problems } = applyOperation(p, { type: 'renameShape', shapeId: 's1', name: 'x' });
    rememberProblems(next, problems);
    expect(problemsOf(next)).toBe(problems);
  });
});
