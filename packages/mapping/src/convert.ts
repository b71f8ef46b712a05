import type { ProfileField } from '@flowline/contracts';
import { Dec, fromDec, toDec } from './decimal.js';
import { MappingError, show } from './errors.js';
import type { ValueType } from './kinds.js';

/** F&O writes an empty date as 1900-01-01 and date-only fields at noon UTC. */
export const FNO_EMPTY_DATE = '1900-01-01T12:00:00Z';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^[+-]?\d+$/;

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Whether text is a canonical UTC date-time `YYYY-MM-DDTHH:mm:ssZ` (the form F&O writes). */
export function isCanonicalUtc(v: unknown): v is string {
  return typeof v === 'string' && v.length === 20 && CANONICAL_UTC.test(v);
}

/** Formats an instant as F&O does: `YYYY-MM-DDTHH:mm:ssZ`, milliseconds only when present. */
export function isoUtc(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new MappingError('invalid date');
  const s = d.toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}

/** Parses an ISO date-time (with zone) or an ISO date (taken as F&O date-only: noon UTC). */
export function toDateTime(v: unknown): string {
  if (v instanceof Date) return isoUtc(v);
  if (typeof v === 'string') {
    if (ISO_DATE.test(v)) return `${v}T12:00:00Z`;
    if (ISO_DATETIME.test(v)) {
      // Already canonical UTC: keep the text as is (fast and lossless).
      if (isCanonicalUtc(v)) return v;
      return isoUtc(new Date(v));
    }
  }
  throw new MappingError(`${show(v)} is not an ISO date-time`);
}

function toInteger(v: unknown, kind: 'integer' | 'int64'): number | string {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint' || (typeof v === 'string' && INT.test(v.trim()))) {
    const s = typeof v === 'bigint' ? v.toString() : v.trim();
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n;
    if (kind === 'integer') throw new MappingError(`${show(v)} is out of range for an integer`);
    return BigInt(s).toString(); // exact beyond 2^53, as a digit string
  }
  throw new MappingError(`${show(v)} is not an integer`);
}

function toBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === 'yes' || t === '1') return true;
    if (t === 'false' || t === 'no' || t === '0') return false;
  }
  throw new MappingError(`${show(v)} is not a boolean`);
}

function toEnum(v: unknown, field?: ProfileField): string {
  const members = field?.enumMembers;
  if (typeof v === 'boolean') v = v ? 'Yes' : 'No'; // NoYes, the most common F&O enum
  if (typeof v === 'number' || typeof v === 'bigint') {
    const m = members?.find((x) => x.value === String(v));
    if (m) return m.name;
    throw new MappingError(`${show(v)} is not a value of ${field?.edmType ?? 'the enum'}`);
  }
  if (typeof v === 'string') {
    if (!members || members.some((m) => m.name === v)) return v;
    throw new MappingError(`${show(v)} is not a member of ${field?.edmType ?? 'the enum'}`);
  }
  throw new MappingError(`${show(v)} is not an enum member`);
}

/** Text form of any scalar: decimals exact, dates ISO. */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return isoUtc(v);
  throw new MappingError(`${show(v)} has no text form`);
}

/**
 * Converts a value to what a field of `kind` holds in a JSON document. Empty values pass through.
 * Int64 beyond 2^53 and Decimal beyond 15 digits come out as exact digit strings.
 */
export function coerce(v: unknown, kind: ValueType, field?: ProfileField): unknown {
  if (v === undefined || v === null) return v;
  switch (kind) {
    case 'string':
      return toText(v);
    case 'integer':
    case 'int64':
      return toInteger(v, kind);
    case 'decimal':
      return typeof v === 'number' && Number.isFinite(v) ? v : fromDec(toDec(v));
    case 'number': {
      const n = typeof v === 'number' ? v : toDec(v).toNumber();
      return n;
    }
    case 'boolean':
      return toBoolean(v);
    case 'datetime':
      return toDateTime(v);
    case 'date':
      return toDateTime(v).slice(0, 10);
    case 'enum':
      return toEnum(v, field);
    case 'guid':
      if (typeof v === 'string' && GUID.test(v)) return v.toLowerCase();
      throw new MappingError(`${show(v)} is not a GUID`);
    case 'time':
      if (typeof v === 'string' && ISO_DATETIME.test(v)) return toDateTime(v).slice(11, 19);
      return toText(v);
    default:
      return v;
  }
}

/** Rounds a decimal to a field's scale, exactly (used by `toDecimal` with a scale). */
export function toScale(v: unknown, scale: number): number | string {
  return fromDec(toDec(v).toDecimalPlaces(scale, Dec.ROUND_HALF_UP), typeof v === 'number');
}

/** A converter for one target field: skips the work when the value already has the field's JSON type. */
export function converter(field: ProfileField): (v: unknown) => unknown {
  const kind = field.kind;
  const slow = (v: unknown): unknown => coerce(v, kind, field);
  switch (kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : slow(v));
    case 'decimal':
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : slow(v));
    case 'integer':
    case 'int64':
      return (v) => (Number.isSafeInteger(v) ? v : slow(v));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : slow(v));
    case 'enum': {
      const names = new Set(field.enumMembers?.map((m) => m.name));
      return (v) => (typeof v === 'string' && (names.size === 0 || names.has(v)) ? v : slow(v));
    }
    case 'datetime':
      return (v) => (isCanonicalUtc(v) ? v : slow(v));
    case 'complex':
    case 'navigation':
    case 'binary':
    case 'other':
      return (v) => v;
    default:
      return slow;
  }
}
