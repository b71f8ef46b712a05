import type { Profile } from '../profile/profile-types.js';
import { checkPath } from './compile-filter.js';
import { encodeLiteral, isTypedValue, type LiteralValue } from './edm-literal.js';
import { QueryBuildError } from './query-error.js';
import { encodePathSegment } from './url-encoding.js';

/** An entity key: one value, or the key parts by name. */
export type EntityKey = LiteralValue | Record<string, LiteralValue>;

/** Key part names and types: a profile, or the key part names in key order. */
export type KeySpec = Profile | string[];

/**
 * Formats a key predicate, percent-encoded for a URL path: `(dataAreaId='usmf',CustomerAccount='US-001')`.
 * Parts come in key order (from the profile or the given names), numbers unquoted, quotes doubled;
 * a missing or unknown part is refused.
 */
export function formatKey(key: EntityKey, spec?: KeySpec): string {
  const names = spec === undefined ? undefined : Array.isArray(spec) ? spec : spec.key;
  const profile = spec !== undefined && !Array.isArray(spec) ? spec : undefined;
  const typeOf = (name: string) => {
    const field = profile?.fields.find((f) => f.name === name);
    if (!field) return undefined;
    return field.kind === 'enum'
      ? { edmType: field.edmType, enumType: field.edmType }
      : { edmType: field.edmType };
  };
  if (!isKeyRecord(key)) {
    if (names && names.length > 1)
      throw new QueryBuildError(`The key has ${names.length} parts (${names.join(', ')}): pass them by name`);
    const name = names?.[0] ?? '';
    checkKeyValue(key, name);
    return `(${encodePathSegment(encodeLiteral(key, name ? typeOf(name) : undefined, name))})`;
  }
  const order = names ?? Object.keys(key);
  if (order.length === 0) throw new QueryBuildError('The key has no parts');
  for (const name of Object.keys(key)) {
    if (!order.includes(name))
      throw new QueryBuildError(`"${name}" is not part of the key (${order.join(', ')})`, name);
  }
  const parts = order.map((name) => {
    checkPath(name);
    const value = key[name];
    checkKeyValue(value, name);
    return `${name}=${encodePathSegment(encodeLiteral(value, typeOf(name), name))}`;
  });
  return `(${parts.join(',')})`;
}

function isKeyRecord(key: EntityKey): key is Record<string, LiteralValue> {
  return typeof key === 'object' && key !== null && !(key instanceof Date) && !('$edm' in key);
}

/**
 * Keys come from documents at run time, so any value can arrive: what is not a literal (missing, null,
 * an object, an array) is refused with the part's name instead of failing deep inside the encoder.
 */
function checkKeyValue(value: unknown, name: string): asserts value is LiteralValue {
  const part = name ? `Key part "${name}"` : 'The key';
  if (value === undefined) throw new QueryBuildError(`${part} is missing; all parts are required`, name);
  if (value === null) throw new QueryBuildError(`${part} is null; a key part needs a value`, name);
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean') return;
  if (value instanceof Date || isTypedValue(value)) return;
  const found = Array.isArray(value) ? 'an array' : type === 'object' ? 'an object' : `a ${type}`;
  throw new QueryBuildError(`${part} must be a string, number, boolean or date, not ${found}`, name);
}
