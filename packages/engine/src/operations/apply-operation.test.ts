import type { ProcessDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { createShape } from '../model/create-shape.js';
import { processOf, shapes } from '../testing/build.js';
import { applyOperation } from './apply-operation.js';
import type { ProcessOperation } from './operation-types.js';

const base = () => processOf([shapes.startQuery('q'), shapes.connector('w', 'create')], ['s->w']);
const applyAll = (p: ProcessDefinition, ops: ProcessOperation[]) =>
  ops.reduce((acc, op) => applyOperation(acc, op).process, p);

describe('applyOperation', () => {
  it('adds, connects and configures, recomputing the problems after each edit', () => {
    const p0 = base();
    const added = applyOperation(p0, { type: 'addShape', shape: createShape('map', 'm', { x: 5, y: 6 }) });
    expect(added.problems.map((x) => [x.code, x.shapeId])).toEqual([
      ['unreachable', 'm'],
      ['not-configured', 'm'],
    ]);
    const wired = applyAll(added.process, [
      { type: 'disconnect', edgeId: 's:out->w' },
      { type: 'connect', edge: { from: 's', handle: 'out', to: 'm' } },
      { type: 'connect', edge: { from: 'm', handle: 'out', to: 'w' } },
    ]);
    const configured = applyOperation(wired, {
      type: 'configureShape',
      shapeId: 'm',
      config: { mapId: 'copy' },
    });
    expect(configured.problems).toEqual([]);
    expect(configured.process.edges.map((e) => e.id)).toEqual(['s:out->m', 'm:out->w']);
  });

  it('is pure: the input is untouched and unchanged shapes are shared', () => {
    const p0 = base();
    const frozen = JSON.stringify(p0);
    const { process: p1 } = applyOperation(p0, {
      type: 'renameShape',
      shapeId: 'w',
      name: 'Create customers',
    });
    expect(JSON.stringify(p0)).toBe(frozen);
    expect(p1.shapes[0]).toBe(p0.shapes[0]);
    expect(p1.shapes[1]?.name).toBe('Create customers');
    expect(p1.edges).toBe(p0.edges);
  });

  it('supports undo/redo as a stack of snapshots', () => {
    const history = [base()];
    const ops: ProcessOperation[] = [
      { type: 'moveShapes', moves: [{ shapeId: 'w', position: { x: 300, y: 10 } }] },
      { type: 'addShape', shape: createShape('stop', 'end') },
      { type: 'connect', edge: { from: 'w', handle: 'out', to: 'end' } },
    ];
    for (const op of ops) history.push(applyOperation(history.at(-1)!, op).process);
    expect(history.at(-1)?.edges.length).toBe(2);
    expect(history.at(-3)?.shapes.find((s) => s.id === 'w')?.position).toEqual({ x: 300, y: 10 }); // undo twice
    expect(history[0]?.shapes.find((s) => s.id === 'w')?.position).toEqual({ x: 0, y: 0 });
  });

  it('deletes shapes with every edge touching them', () => {
    const p = applyAll(base(), [
      { type: 'addShape', shape: createShape('stop', 'end') },
      { type: 'connect', edge: { from: 'w', handle: 'out', to: 'end' } },
      { type: 'deleteShapes', shapeIds: ['w'] },
    ]);
    expect(p.shapes.map((s) => s.id)).toEqual(['s', 'end']);
    expect(p.edges).toEqual([]);
  });

  it.each<[string, ProcessOperation, RegExp]>([
    [
      'an unknown target',
      { type: 'connect', edge: { from: 's', handle: 'out', to: 'ghost' } },
      /no shape "ghost"/,
    ],
    [
      'a self-loop',
      { type: 'connect', edge: { from: 'w', handle: 'out', to: 'w' } },
      /^The Connector shape cannot be connected to itself\.$/,
    ],
    [
      'a second edge from a handle',
      { type: 'connect', edge: { from: 's', handle: 'out', to: 'w' } },
      /already connected; use a branch/,
    ],
    [
      'a handle the shape lacks',
      { type: 'connect', edge: { from: 'w', handle: 'error', to: 's' } },
      /^The Connector shape has no "error" output; it has "out"/,
    ],
    [
      'a cycle',
      { type: 'connect', edge: { from: 'w', handle: 'out', to: 's' } },
      /^Connecting the Connector shape to the Start shape would make a cycle/,
    ],
    ['a duplicate shape id', { type: 'addShape', shape: createShape('map', 'w') }, /"w" already exists/],
    ['an unknown edge', { type: 'disconnect', edgeId: 'nope' }, /no edge "nope"/],
    [
      'moving an unknown shape',
      { type: 'moveShapes', moves: [{ shapeId: 'x', position: { x: 0, y: 0 } }] },
      /no shape "x"/,
    ],
    [
      'a configuration the schema rejects',
      { type: 'configureShape', shapeId: 'w', config: { parameters: { a: { type: 'magic' } } } as never },
      /Shape "w" \(connector\): \/config\/parameters\/a/,
    ],
  ])('refuses %s with a clear error', (_, op, message) => {
    expect(() => applyOperation(base(), op)).toThrow(message);
  });

  it('drops edges from handles a new configuration removes', () => {
    const p = applyAll(
      processOf([shapes.startDocs(), createShape('branch', 'b'), shapes.stop('x'), shapes.stop('y')]),
      [
        { type: 'configureShape', shapeId: 'b', config: { paths: 3 } },
        { type: 'connect', edge: { from: 's', handle: 'out', to: 'b' } },
        { type: 'connect', edge: { from: 'b', handle: 'path-1', to: 'x' } },
        { type: 'connect', edge: { from: 'b', handle: 'path-3', to: 'y' } },
        { type: 'configureShape', shapeId: 'b', config: { paths: 2 } },
      ],
    );
    expect(p.edges.map((e) => e.id)).toEqual(['s:out->b', 'b:path-1->x']);
    const withError = applyAll(base(), [
      { type: 'addShape', shape: shapes.stop('e') },
      {
        type: 'configureShape',
        shapeId: 'w',
        config: { connectionId: 'c1', operationId: 'create' },
        onError: 'errorPath',
      },
      { type: 'connect', edge: { from: 'w', handle: 'error', to: 'e' } },
      {
        type: 'configureShape',
        shapeId: 'w',
        config: { connectionId: 'c1', operationId: 'create' },
        onError: 'failRun',
      },
    ]);
    expect(withError.edges.map((e) => e.id)).toEqual(['s:out->w']);
  });

  it('pastes copies with fresh ids, moved, keeping only edges between copied shapes', () => {
    const p0 = applyAll(base(), [
      { type: 'addShape', shape: shapes.stop('end') },
      { type: 'connect', edge: { from: 'w', handle: 'out', to: 'end' } },
    ]);
    const clip = { shapes: p0.shapes.filter((s) => s.id !== 's'), edges: p0.edges };
    const once = applyOperation(p0, { type: 'paste', ...clip, offset: { x: 10, y: 20 } }).process;
    const twice = applyOperation(once, { type: 'paste', ...clip }).process;
    expect(twice.shapes.map((s) => s.id)).toEqual([
      's',
      'w',
      'end',
      'w-copy',
      'end-copy',
      'w-copy2',
      'end-copy2',
    ]);
    expect(twice.edges.map((e) => e.id)).toEqual([
      's:out->w',
      'w:out->end',
      'w-copy:out->end-copy',
      'w-copy2:out->end-copy2',
    ]);
    expect(once.shapes.find((s) => s.id === 'w-copy')?.position).toEqual({ x: 10, y: 20 });
  });

  it('updates the process name and properties', () => {
    const p = applyOperation(base(), {
      type: 'updateProcess',
      changes: { name: 'Copy', properties: { batch: 1 } },
    }).process;
    expect([p.name, p.properties]).toEqual(['Copy', { batch: 1 }]);
  });
});
