import type { MapDefinition, MapDefinitionSchema } from '@flowline/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { compileMap } from './compile.js';
import { createMap } from './model.js';
import { salesOrderProfile, webOrderProfile } from './test-fixtures/orders.js';
import { validateMap } from './validate.js';

describe('map model', () => {
  it('keeps the hand-written MapDefinition type in step with the schema', () => {
    expectTypeOf<MapDefinition['schemaVersion']>().toEqualTypeOf<MapDefinitionSchema['schemaVersion']>();
    expectTypeOf<MapDefinition['name']>().toEqualTypeOf<MapDefinitionSchema['name']>();
    expectTypeOf<MapDefinition['rules'][number]['id']>().toEqualTypeOf<string>();
  });

  it('creates an empty map that validates and runs', () => {
    const map = createMap('empty', webOrderProfile, salesOrderProfile);
    expect(map.schemaVersion).toBe(1);
    expect(validateMap(map).errors.map((e) => e.code)).toEqual(['unmapped-mandatory']);
    expect(compileMap(map)({ orderNo: '1' })).toEqual({ output: {}, errors: [] });
  });

  it('reports a document that is not an object instead of throwing', () => {
    const run = compileMap(createMap('m'));
    expect(run('text', { document: 7 }).errors).toEqual([
      { ruleId: '', target: '', document: 7, message: "document is not an object: 'text'" },
    ]);
  });
});
