import type { LoopRule, Profile, ProfileField } from '@flowline/contracts';
import { createMap, testMap, validateMap } from '@flowline/mapping';
import { describe, expect, it } from 'vitest';
import {
  addInnerRule,
  addLoop,
  autoMapLoop,
  collectionPaths,
  deleteRule,
  elementFields,
  enclosingCollection,
  loopPaths,
  replaceRule,
} from './map-loops.js';
import { link, newRuleId } from './map-rules.js';

const text = (name: string, extra: Partial<ProfileField> = {}): ProfileField => ({
  name,
  kind: 'string',
  edmType: 'Edm.String',
  nullable: true,
  ...extra,
});
const lines: ProfileField = {
  name: 'Lines',
  kind: 'navigation',
  edmType: 'Line',
  nullable: true,
  collection: true,
  fields: [text('ItemNumber', { mandatory: true }), text('OrderNumber', { mandatory: true }), text('Note')],
};
const order: Profile = {
  entityType: 'Order',
  key: ['OrderNumber'],
  fields: [
    text('OrderNumber'),
    text('Company'),
    lines,
    {
      name: 'Address',
      kind: 'complex',
      edmType: 'Address',
      nullable: true,
      fields: [{ ...lines, name: 'Notes' }],
    },
  ],
};
const loopOf = (m: ReturnType<typeof createMap>) => m.rules.find((r): r is LoopRule => r.kind === 'loop')!;

describe('loop rules in the map editor', () => {
  it('finds collections through complex fields, and the fields of their elements', () => {
    expect(collectionPaths(order.fields)).toEqual(['Lines[]', 'Address.Notes[]']);
    expect(enclosingCollection(order.fields, 'Lines.ItemNumber')).toBe('Lines[]');
    expect(enclosingCollection(order.fields, 'Address.Notes')).toBe('Address.Notes[]');
    expect(enclosingCollection(order.fields, 'Company')).toBeUndefined();
    expect(elementFields(order.fields, 'Address.Notes[]').map((f) => f.name)).toEqual([
      'ItemNumber',
      'OrderNumber',
      'Note',
    ]);
  });

  it('builds a loop whose rules read the element and the document, and runs it', () => {
    let map = addLoop(createMap('Orders', order, order), 'Lines[]', 'Lines[]');
    map = addInnerRule(map, loopOf(map));
    expect(loopOf(map).rules[0]).toMatchObject({ target: 'ItemNumber', value: { path: 'ItemNumber' } });
    // The unmapped mandatory field of the element is reported inside the loop.
    expect(validateMap(map).errors.map((e) => e.target)).toEqual(['Lines[].OrderNumber']);

    map = addInnerRule(map, loopOf(map));
    const second = loopOf(map).rules[1]!;
    expect(second.kind === 'field' && second.target).toBe('OrderNumber');
    map = replaceRule(map, second.id, {
      ...second,
      kind: 'field',
      target: 'OrderNumber',
      value: { type: 'source', path: 'OrderNumber', scope: 'parent' },
    });
    expect(validateMap(map).errors).toEqual([]);
    const { output } = testMap(map, {
      OrderNumber: 'SO-1',
      Lines: [{ ItemNumber: 'A' }, { ItemNumber: 'B' }],
    });
    expect(output.Lines).toEqual([
      { ItemNumber: 'A', OrderNumber: 'SO-1' },
      { ItemNumber: 'B', OrderNumber: 'SO-1' },
    ]);
    expect(loopPaths(loopOf(map))).toEqual({
      targets: ['Lines', 'Lines.ItemNumber', 'Lines.OrderNumber'],
      sources: ['Lines', 'Lines.ItemNumber', 'OrderNumber'],
    });
  });

  it('maps a loop by name with ids unique across the map, and deletes inner rules and loops', () => {
    let map = link(createMap('Orders', order, order), 'Company', 'Company');
    map = addLoop(map, 'Lines[]', 'Lines[]');
    map = autoMapLoop(map, loopOf(map));
    const ids = [map.rules[0]!.id, loopOf(map).id, ...loopOf(map).rules.map((r) => r.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(loopOf(map).rules.map((r) => r.target)).toEqual(['ItemNumber', 'OrderNumber', 'Note']);
    expect(ids).not.toContain(newRuleId(map));
    map = deleteRule(map, loopOf(map).rules[2]!.id);
    expect(loopOf(map).rules).toHaveLength(2);
    map = deleteRule(map, loopOf(map).id);
    expect(map.rules.map((r) => r.kind)).toEqual(['field']);
  });

  it('flags a loop over a field that is not a collection', () => {
    const map = addLoop(createMap('Orders', order, order), 'Company[]', 'Lines[]');
    expect(validateMap(map).errors.map((e) => e.code)).toContain('loop-not-collection');
  });
});
