import { type Entity, edmType, fieldLabel, type Model, NS, tableName } from '../catalogue/model.js';
import type { PropertyDef } from '../catalogue/types.js';
import type { Row, Store } from '../store/store.js';
import { dateOnly } from '../store/values.js';
import { badRequest, ODataError, WRITE_EXCEPTION } from './errors.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DTO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const convertError = (p: PropertyDef, v: unknown): ODataError =>
  badRequest(
    `Cannot convert the literal '${typeof v === 'string' ? v : JSON.stringify(v)}' to the expected type '${edmType(p)}' of property '${p.n}'.`,
  );

/** Converts one JSON value to what the store keeps, or throws the deserialisation error OData answers. */
function coerce(model: Model, p: PropertyDef, v: unknown): unknown {
  if (v === null) {
    if (p.t === 'Enum' && p.nu) return null;
    const t = `${edmType(p)}[Nullable=False]`;
    throw badRequest(
      `A null value was found for the property named '${p.n}', which has the expected type '${t}'. The expected type '${t}' does not allow null values.`,
    );
  }
  switch (p.t) {
    case 'String':
      if (typeof v !== 'string') throw convertError(p, v);
      return v;
    case 'Int32':
    case 'Int64':
      if (typeof v !== 'number' || !Number.isInteger(v) || (p.t === 'Int32' && Math.abs(v) > 2147483647))
        throw convertError(p, v);
      return v;
    case 'Decimal':
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
      throw convertError(p, v);
    case 'Boolean':
      if (typeof v !== 'boolean') throw convertError(p, v);
      return v;
    case 'Guid':
      if (typeof v !== 'string' || !GUID.test(v)) throw convertError(p, v);
      return v.toLowerCase();
    case 'Binary':
      if (typeof v !== 'string') throw convertError(p, v);
      return v;
    case 'Date':
    case 'DateTime': {
      if (typeof v !== 'string' || !DTO.test(v) || Number.isNaN(Date.parse(v))) throw convertError(p, v);
      const iso = `${new Date(v).toISOString().slice(0, 19)}Z`;
      // A date field keeps only the day, which F&O returns at 12:00 UTC.
      return p.t === 'Date' ? dateOnly(iso) : iso;
    }
    case 'Enum': {
      const members = model.enums.get(p.e ?? '')?.members ?? [];
      if (typeof v === 'string' && members.includes(v)) return v;
      if (typeof v === 'string' && /^\d+$/.test(v) && members[Number(v)] !== undefined)
        return members[Number(v)];
      throw badRequest(
        `The value '${String(v)}' is not a valid member of enum type '${NS}.${p.e}' for property '${p.n}'.`,
      );
    }
  }
}

/** An X++ write failure as F&O reports it: 500 with the Infolog in innererror. */
export function writeFailure(entity: Entity, infolog: string[]): ODataError {
  return new ODataError(
    500,
    `Write failed for table row of type '${tableName(entity)}'. Infolog: ${infolog.map((l) => `Warning: ${l}`).join('; ')}.`,
    WRITE_EXCEPTION,
  );
}

/**
 * Validates a request body for a write: unknown fields and wrong Edm types are refused by the OData
 * layer (400), business rules (mandatory, length, read-only, related rows) by X++ (500 + Infolog).
 */
export function validateBody(store: Store, entity: Entity, body: unknown): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`The request body for '${entity.set}' must be a JSON object.`);
  }
  const out: Row = {};
  for (const [k, v] of Object.entries(body as Row)) {
    if (k.startsWith('@odata.') || k.includes('@odata.')) continue;
    const p = entity.propMap.get(k);
    if (!p) {
      throw badRequest(
        `The property '${k}' does not exist on type '${NS}.${entity.type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    out[k] = coerce(store.model, p, v);
  }
  const infolog: string[] = [];
  for (const [k, v] of Object.entries(out)) {
    const p = entity.propMap.get(k)!;
    if (p.ro) infolog.push(`Field '${fieldLabel(k)}' cannot be edited.`);
    if (p.t === 'String' && p.l && typeof v === 'string' && v.length > p.l) {
      infolog.push(
        `The value in field '${fieldLabel(k)}' is ${v.length} characters long; the maximum is ${p.l}.`,
      );
    }
  }
  if (infolog.length > 0) throw writeFailure(entity, infolog);
  return out;
}

/** Checks a complete row before it is written: mandatory fields and related rows (validateWrite). */
export function validateRow(store: Store, entity: Entity, row: Row): void {
  const infolog: string[] = [];
  for (const p of entity.props) {
    if (p.r && (row[p.n] === '' || row[p.n] === null || row[p.n] === undefined)) {
      infolog.push(`Field '${fieldLabel(p.n)}' must be filled in.`);
    }
  }
  for (const nav of entity.navs ?? []) {
    if (nav.many) continue;
    const target = store.model.byType.get(nav.to);
    const own = nav.c.filter(([a]) => a !== 'dataAreaId');
    if (!target || own.some(([a]) => row[a] === '' || row[a] === undefined)) continue;
    const key: Row = {};
    for (const [a, b] of nav.c) key[b] = row[a];
    if (!store.find(target, key)) {
      const [a] = own[0]!;
      infolog.push(
        `The value '${String(row[a])}' in field '${fieldLabel(a)}' is not found in the related table '${fieldLabel(target.set)}'.`,
      );
      infolog.push(`validateField failed on field '${tableName(entity)}.${a}'.`);
    }
  }
  if (infolog.length > 0) throw writeFailure(entity, infolog);
}
