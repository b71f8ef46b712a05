import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Catalogue, EntityDef, EnumDef, PropertyDef } from './types.js';

/** The namespace F&O puts every type, enum and action in. */
export const NS = 'Microsoft.Dynamics.DataEntities';

/** An entity definition with lookup indexes built once. */
export interface Entity extends EntityDef {
  propMap: Map<string, PropertyDef>;
  /** True when the entity is company-specific (has dataAreaId in its key). */
  company: boolean;
}

/** The catalogue with indexes: entity sets by (case-sensitive) name, types and enums. */
export interface Model {
  entities: Entity[];
  bySet: Map<string, Entity>;
  byType: Map<string, Entity>;
  enums: Map<string, EnumDef>;
}

let cached: Catalogue | undefined;

/** Reads the committed catalogue (data/catalogue.json.gz) once per process. */
export function loadCatalogue(): Catalogue {
  cached ??= JSON.parse(
    gunzipSync(readFileSync(new URL('../../data/catalogue.json.gz', import.meta.url))).toString('utf8'),
  ) as Catalogue;
  return cached;
}

/** Indexes a catalogue for the request path. */
export function buildModel(catalogue: Catalogue = loadCatalogue()): Model {
  const entities = catalogue.entities.map(
    (e): Entity => ({
      ...e,
      propMap: new Map(e.props.map((p) => [p.n, p])),
      company: e.keys.includes('dataAreaId'),
    }),
  );
  return {
    entities,
    bySet: new Map(entities.map((e) => [e.set, e])),
    byType: new Map(entities.map((e) => [e.type, e])),
    enums: new Map(catalogue.enums.map((e) => [e.name, e])),
  };
}

/** Edm type name of a property as written in CSDL. */
export function edmType(p: PropertyDef): string {
  switch (p.t) {
    case 'Enum':
      return `${NS}.${p.e}`;
    case 'Date':
    case 'DateTime':
      return 'Edm.DateTimeOffset';
    default:
      return `Edm.${p.t}`;
  }
}

/** The X++ table-ish name F&O uses in Infolog messages ("Write failed for table row of type 'X'"). */
export function tableName(e: EntityDef): string {
  const prefixes: Record<string, string> = { Customer: 'Cust', Vendor: 'Vend', SalesOrder: 'Sales' };
  const hit = Object.keys(prefixes).find((p) => e.type.startsWith(p));
  return `${hit ? prefixes[hit] : ''}${e.type}Entity`;
}

/** Human label for a field, as Infolog messages show it ("Customer group"). */
export function fieldLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
