import type { FieldRule } from '@flowline/contracts';
import { createMap, testMap } from '@flowline/mapping';
import { describe, expect, it } from 'vitest';
import {
  BOX_LEFT,
  boxHeight,
  connectInput,
  deleteStep,
  placeStep,
  positions,
  surfaceOf,
  withFunction,
} from './function-surface-model.js';

// upper(trim(Name)) joined with the account: f1 trim, f2 upper, f3 concat.
const rule: FieldRule = {
  id: 'r1',
  kind: 'field',
  target: 'Label',
  value: { type: 'step', step: 'f3' },
  steps: [
    { id: 'f1', fn: 'trim', args: [{ type: 'source', path: 'Name' }] },
    { id: 'f2', fn: 'upper', args: [{ type: 'step', step: 'f1' }] },
    {
      id: 'f3',
      fn: 'concat',
      args: [
        { type: 'step', step: 'f2' },
        { type: 'constant', value: ' / ' },
        { type: 'source', path: 'Account', scope: 'root' },
      ],
      ui: { x: 400, y: 30 },
    },
  ],
};

describe('the function surface', () => {
  it('draws a line from every source field and box into the inputs that read it, and on to the target', () => {
    const { sources, edges } = surfaceOf(rule);
    expect(sources).toEqual([
      { type: 'source', path: 'Name' },
      { type: 'source', path: 'Account', scope: 'root' },
    ]);
    expect(edges).toEqual([
      { from: 'src:current:Name', to: 'in:f1:0' },
      { from: 'out:f1', to: 'in:f2:0' },
      { from: 'out:f2', to: 'in:f3:0' },
      { from: 'src:root:Account', to: 'in:f3:2' },
      { from: 'out:f3', to: 'target' },
    ]);
  });

  it('stacks boxes never placed below the others and keeps those a person moved, clamped to the surface', () => {
    const at = positions(rule.steps!);
    // Below the box the person placed, so a new box never covers it.
    expect(at.get('f1')).toEqual({ x: BOX_LEFT, y: 30 + boxHeight(rule.steps![2]!) + 16 });
    expect(at.get('f2')!.y).toBeGreaterThan(at.get('f1')!.y);
    expect(at.get('f3')).toEqual({ x: 400, y: 30 });
    const moved = placeStep(rule, 'f1', { x: -20, y: 55.6 });
    expect(moved.steps![0]!.ui).toEqual({ x: 0, y: 56 });
    expect(rule.steps![0]!.ui).toBeUndefined();
  });

  it('deletes a box and rewires what read it to its first input, so the map still runs', () => {
    const without = deleteStep(rule, 'f2');
    expect(without.steps!.map((s) => s.id)).toEqual(['f1', 'f3']);
    expect(without.steps![1]!.args[0]).toEqual({ type: 'step', step: 'f1' });
    const map = { ...createMap('m'), rules: [without] };
    expect(testMap(map, { Name: '  acme ', Account: 'C1' }).output).toEqual({ Label: 'acme / C1' });
    const last = deleteStep(deleteStep(without, 'f3'), 'f1');
    expect(last.steps).toBeUndefined();
    expect(last.value).toEqual({ type: 'source', path: 'Name' });
  });

  it('feeds an input from a field or an earlier box, and refuses a later box', () => {
    const fed = connectInput(rule, 'f2', 0, { type: 'source', path: 'Account' });
    expect('error' in fed ? fed.error : fed.steps![1]!.args[0]).toEqual({ type: 'source', path: 'Account' });
    const backwards = connectInput(rule, 'f1', 0, { type: 'step', step: 'f3' });
    expect(backwards).toEqual({
      error: 'f1 runs before f3: a box can only read boxes that run before it.',
    });
  });
});

describe('withFunction', () => {
  const plain: FieldRule = {
    id: 'r7',
    kind: 'field',
    target: 'ItemNumber',
    value: { type: 'source', path: 'ItemNumber' },
  };

  it('feeds the new box with what the value was and writes its output, with ids after the prefix', () => {
    const once = withFunction(plain, 'lower', 'r7f')!;
    expect(once.steps).toEqual([{ id: 'r7f1', fn: 'lower', args: [{ type: 'source', path: 'ItemNumber' }] }]);
    expect(once.value).toEqual({ type: 'step', step: 'r7f1' });
    const twice = withFunction(once, 'trim', 'r7f')!;
    expect(twice.steps?.map((s) => s.id)).toEqual(['r7f1', 'r7f2']);
    expect(twice.steps?.[1]?.args).toEqual([{ type: 'step', step: 'r7f1' }]);
    // What the map does with it: lower, then trim, per element.
    const map = {
      ...createMap('m'),
      rules: [{ id: 'l1', kind: 'loop' as const, source: 'Lines', target: 'Lines', rules: [twice] }],
    };
    expect(testMap(map, { Lines: [{ ItemNumber: ' A1 ' }] }).output).toEqual({
      Lines: [{ ItemNumber: 'a1' }],
    });
  });

  it('answers undefined for a function that does not exist', () => {
    expect(withFunction(plain, 'nope')).toBeUndefined();
  });
});
