import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readShared, sharedData } from '../test-support/shared-data.js';
import type { MetadataModel } from './model.js';
import { parseMetadataSync } from './parse-metadata.js';

type Json = Record<string, unknown>;

/** The parts of a CSDL JSON document that the model represents, normalised for comparison. */
function expectedFromJson(doc: Json, v2: boolean) {
  const aliases = new Map<string, string>();
  for (const [ns, schema] of Object.entries(doc)) {
    if (!ns.startsWith('$') && typeof (schema as Json).$Alias === 'string')
      aliases.set((schema as Json).$Alias as string, ns);
  }
  const q = (name: string) => {
    const dot = name.lastIndexOf('.');
    return aliases.has(name.slice(0, dot)) ? `${aliases.get(name.slice(0, dot))}${name.slice(dot)}` : name;
  };
  const types: Json = {};
  const enums: Json = {};
  const sets: Json = {};
  const operations: string[] = [];
  for (const [ns, schema] of Object.entries(doc)) {
    if (ns.startsWith('$')) continue;
    for (const [name, raw] of Object.entries(schema as Json)) {
      if (name.startsWith('$') || name.startsWith('@')) continue;
      if (Array.isArray(raw)) {
        for (let i = 0; i < raw.length; i++) operations.push(`${ns}.${name}`);
        continue;
      }
      const el = raw as Json;
      if (el.$Kind === 'EntityType' || el.$Kind === 'ComplexType') {
        const properties: Json[] = [];
        const navs: Json[] = [];
        for (const [pn, pr] of Object.entries(el)) {
          if (pn.startsWith('$') || pn.includes('@')) continue;
          const p = pr as Json;
          const entry: Json = {
            name: pn,
            type: q((p.$Type as string | undefined) ?? 'Edm.String'),
            collection: p.$Collection === true,
            nullable: p.$Nullable === true,
          };
          if (p.$Kind === 'NavigationProperty') {
            if (!v2 && p.$Partner) entry.partner = p.$Partner;
            if (entry.collection) entry.nullable = false;
            navs.push(entry);
          } else {
            if (p.$MaxLength !== undefined) entry.maxLength = p.$MaxLength;
            if (!v2 && typeof p.$Precision === 'number') entry.precision = p.$Precision;
            if (!v2 && p.$Scale !== undefined) entry.scale = p.$Scale;
            properties.push(entry);
          }
        }
        const key = (el.$Key as (string | Json)[] | undefined)?.map((k) =>
          typeof k === 'string' ? k : Object.values(k)[0],
        );
        types[`${ns}.${name}`] = {
          key,
          baseType: el.$BaseType ? q(el.$BaseType as string) : undefined,
          abstract: el.$Abstract === true,
          properties,
          navs,
        };
      } else if (el.$Kind === 'EnumType') {
        enums[`${ns}.${name}`] = Object.entries(el)
          .filter(([m]) => !m.startsWith('$') && !m.includes('@'))
          .map(([m, v]) => ({ name: m, value: String(v) }));
      } else if (el.$Kind === 'EntityContainer') {
        for (const [sn, sr] of Object.entries(el)) {
          const s = sr as Json;
          if (sn.startsWith('$') || sn.startsWith('@') || !s.$Type) continue;
          sets[sn] = { entityType: q(s.$Type as string), singleton: s.$Collection !== true };
        }
      }
    }
  }
  // CSDL 2.0/3.0 FunctionImports become operations only in the JSON conversion.
  return { types, enums, sets, operations: v2 ? [] : operations.sort() };
}

function actualFromModel(model: MetadataModel, v2: boolean) {
  const types: Json = {};
  for (const t of [...Object.values(model.entityTypes), ...Object.values(model.complexTypes)]) {
    types[t.name] = {
      key: t.key,
      baseType: t.baseType,
      abstract: t.abstract === true,
      properties: t.properties.map((p) => {
        const entry: Json = {
          name: p.name,
          type: p.type,
          collection: p.collection === true,
          nullable: p.nullable,
        };
        if (p.maxLength !== undefined) entry.maxLength = p.maxLength;
        if (!v2 && p.precision !== undefined) entry.precision = p.precision;
        // CSDL JSON leaves the default `variable` scale out.
        if (!v2 && p.scale !== undefined && p.scale !== 'variable') entry.scale = p.scale;
        return entry;
      }),
      navs: t.navigationProperties.map((n) => {
        const entry: Json = {
          name: n.name,
          type: n.type,
          collection: n.collection === true,
          nullable: n.nullable,
        };
        if (!v2 && n.partner) entry.partner = n.partner;
        return entry;
      }),
    };
  }
  const enums: Json = {};
  for (const e of Object.values(model.enumTypes))
    enums[e.name] = e.members.map((m) => ({ name: m.name, value: m.value }));
  const sets: Json = {};
  for (const s of Object.values(model.entitySets))
    sets[s.name] = { entityType: s.entityType, singleton: s.singleton === true };
  return { types, enums, sets, operations: v2 ? [] : model.operations.map((o) => o.name).sort() };
}

describe('CSDL golden files (OASIS XML vs expected CSDL JSON)', () => {
  const pairs = ['examples', 'test'].flatMap((dir) =>
    readdirSync(new URL(`odata-csdl/${dir}/`, sharedData))
      .filter((f) => f.endsWith('.xml'))
      .map((f) => `odata-csdl/${dir}/${f}`),
  );

  it('finds the 9 OASIS pairs', () => {
    expect(pairs).toHaveLength(9);
  });

  for (const xmlPath of pairs) {
    it(`matches ${xmlPath}`, () => {
      const v2 = /-?v[23]\b|v2-/.test(xmlPath);
      const model = parseMetadataSync(readShared(xmlPath));
      const json = JSON.parse(readShared(xmlPath.replace(/\.xml$/, '.json')).toString('utf8')) as Json;
      expect(actualFromModel(model, v2)).toEqual(expectedFromJson(json, v2));
    });
  }
});
