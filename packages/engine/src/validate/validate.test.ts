import type { MapDefinition, Profile } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { createShape } from '../model/create-shape.js';
import type { OperationInfo, ResolverPort } from '../runtime/ports.js';
import { processOf, shapes } from '../testing/build.js';
import { checkProcess } from './check-process.js';
import { validateProcess } from './validate-process.js';

const profile = (entityType: string): Profile => ({ entityType, key: [], fields: [] });

describe('validateProcess', () => {
  it('accepts a configured straight line', () => {
    const p = processOf([shapes.startQuery('q'), shapes.connector('w', 'create')], ['s->w']);
    expect(validateProcess(p)).toEqual([]);
  });

  it('answers schema problems by JSON pointer and stops there', () => {
    const p = processOf([{ ...shapes.stop('x'), config: { scope: 'sometimes' } } as never]);
    const problems = validateProcess(p);
    expect(problems.every((x) => x.code === 'schema')).toBe(true);
    expect(problems[0]?.message).toMatch(/^\/shapes\/0/);
  });

  it('names unconfigured shapes with what they miss', () => {
    const p = processOf(
      [
        createShape('start', 's'),
        createShape('map', 'm'),
        createShape('decision', 'd'),
        createShape('message', 't'),
        createShape('setProperties', 'p'),
        createShape('connector', 'c'),
      ],
      ['s->m', 'm->d', 'd:true->t', 't->p', 'p->c'],
    );
    const byShape = (id: string) =>
      validateProcess(p)
        .filter((x) => x.shapeId === id)
        .map((x) => x.message);
    expect(byShape('s')).toEqual([
      'Choose a connection for the start operation.',
      'Choose an operation for the start shape.',
    ]);
    expect(byShape('m')).toEqual(['Choose a map.']);
    expect(byShape('d')).toEqual(['Choose the value to compare (left).', 'Choose an operator.']);
    expect(byShape('t')).toEqual(['Write the message template.']);
    expect(byShape('p')).toEqual(['Add at least one property to set.']);
    expect(byShape('c')).toEqual(['Choose a connection.', 'Choose an operation.']);
  });

  it('checks a constant regular expression and the right side of comparisons', () => {
    const d = (config: object) =>
      validateProcess(
        processOf([shapes.startDocs(), { ...createShape('decision', 'd'), config } as never], ['s->d']),
      );
    expect(
      d({
        left: { type: 'field', path: 'a' },
        operator: 'regex',
        right: { type: 'constant', value: '([' },
      })[0]?.message,
    ).toMatch(/regular expression is not valid/);
    expect(d({ left: { type: 'field', path: 'a' }, operator: '<' })[0]?.message).toMatch(/"<" needs a value/);
    expect(d({ left: { type: 'field', path: 'a' }, operator: 'empty' })).toEqual([]);
  });

  it('refuses handles a shape lacks, a second edge from one handle, self-loops and unconnected error paths', () => {
    const p = processOf(
      [
        shapes.startDocs(),
        shapes.connector('w', 'create', 'errorPath'),
        shapes.stop('a'),
        shapes.stop('b'),
        shapes.connector('x', 'c'),
      ],
      ['s->w', 'w->a', 'w->b', 's:true->x', 'x->x'],
    );
    const problems = validateProcess(p);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'handle',
        edgeId: 'w:out->b',
        message: expect.stringContaining('more than one edge'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'handle',
        edgeId: 's:true->x',
        message: 'A start shape has no "true" output (it has "out").',
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ code: 'self-loop', shapeId: 'x' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'error-path', shapeId: 'w' }));
  });

  it('refuses an error edge from a shape that fails the run', () => {
    const p = processOf(
      [shapes.startDocs(), shapes.connector('w', 'create'), shapes.stop('e')],
      ['s->w', 'w:error->e'],
    );
    expect(validateProcess(p)[0]?.message).toMatch(/fails the run on errors/);
  });
});

describe('checkProcess (with components)', () => {
  const ops: Record<string, OperationInfo> = {
    q: { kind: 'query', responseProfile: profile('CustomerV3') },
    create: { kind: 'create', requestProfile: profile('VendorV2') },
    createCustomer: { kind: 'create', requestProfile: profile('CustomerV3') },
  };
  const map = (source: string, target: string) =>
    ({
      schemaVersion: 1,
      name: `${source}->${target}`,
      source: { profile: profile(source) },
      target: { profile: profile(target) },
      rules: [],
    }) as MapDefinition;
  const maps: Record<string, MapDefinition> = {
    c2v: map('CustomerV3', 'VendorV2'),
    v2v: map('VendorV2', 'VendorV2'),
  };
  const resolver: ResolverPort = { operation: async (r) => ops[r.operationId], map: async (id) => maps[id] };

  it('accepts maps whose profiles match the shapes around them', async () => {
    const p = processOf(
      [shapes.startQuery('q'), shapes.map('m', 'c2v'), shapes.connector('w', 'create')],
      ['s->m', 'm->w'],
    );
    expect(await checkProcess(p, resolver)).toEqual([]);
  });

  it('names a map that reads another profile than it receives, and a write fed the wrong profile', async () => {
    const p = processOf(
      [shapes.startQuery('q'), shapes.map('m', 'v2v'), shapes.connector('w', 'createCustomer')],
      ['s->m', 'm->w'],
    );
    const problems = await checkProcess(p, resolver);
    expect(problems).toEqual([
      {
        code: 'profile-mismatch',
        shapeId: 'm',
        message: 'The map "VendorV2->VendorV2" reads VendorV2, but the documents arriving are CustomerV3.',
      },
      {
        code: 'profile-mismatch',
        shapeId: 'w',
        message:
          'The operation writes CustomerV3, but the documents arriving are VendorV2; put a map before it.',
      },
    ]);
  });

  it('names a start shape whose operation writes, and an operation with no action yet', async () => {
    const p = processOf([shapes.startQuery('create'), shapes.connector('w', 'draft')], ['s->w']);
    expect(
      await checkProcess(p, {
        ...resolver,
        operation: async (r) => ops[r.operationId] ?? { name: 'New op' },
      }),
    ).toEqual([
      {
        code: 'not-configured',
        shapeId: 's',
        message: expect.stringMatching(
          /^The operation "create" writes \(create\), so it cannot start a process: a process starts from what an operation reads/,
        ),
      },
      {
        code: 'not-configured',
        shapeId: 'w',
        message: 'The operation "New op" has no action yet: choose one in its builder.',
      },
    ]);
  });

  it('names components that do not exist by the shape that uses them', async () => {
    const map = { ...shapes.map('m', 'gone'), name: 'Customers to F&O' };
    const p = processOf([shapes.startQuery('nope'), map], ['s->m']);
    expect((await checkProcess(p, resolver)).map((x) => [x.code, x.shapeId, x.message])).toEqual([
      [
        'unknown-component',
        's',
        `The shape "s" uses an operation that does not exist (id nope): it was deleted, or the process was imported from another workspace. Select the shape and choose another.`,
      ],
      [
        'unknown-component',
        'm',
        `The shape "Customers to F&O" uses a map that does not exist (id gone): it was deleted, or the process was imported from another workspace. Select the shape and choose another.`,
      ],
    ]);
  });
});
