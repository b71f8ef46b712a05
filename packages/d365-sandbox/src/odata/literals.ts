import { type Entity, NS } from '../catalogue/model.js';
import { badRequest } from './errors.js';

/** A parsed OData literal. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; type: string; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'guid'; value: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Reads one literal starting at `pos`; returns it and the index after it, or undefined. */
export function readLiteral(src: string, pos: number): { lit: Literal; end: number } | undefined {
  const ch = src[pos];
  if (ch === "'") {
    let out = '';
    let i = pos + 1;
    for (;;) {
      if (i >= src.length) throw badRequest(`Unterminated string literal at position ${pos} in '${src}'.`);
      if (src[i] === "'") {
        if (src[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        return { lit: { kind: 'string', value: out }, end: i + 1 };
      }
      out += src[i];
      i++;
    }
  }
  const rest = src.slice(pos);
  const qualified = /^([A-Za-z_][\w.]*)\.(\w+)'((?:[^']|'')*)'/.exec(rest);
  if (qualified) {
    return {
      lit: {
        kind: 'enum',
        type: `${qualified[1]}.${qualified[2]}`,
        value: qualified[3]!.replace(/''/g, "'"),
      },
      end: pos + qualified[0].length,
    };
  }
  const dt = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?/.exec(rest);
  if (dt && DATETIME.test(dt[0])) return { lit: { kind: 'datetime', value: dt[0] }, end: pos + dt[0].length };
  const guid = /^[0-9a-fA-F-]{36}/.exec(rest);
  if (guid && GUID.test(guid[0]))
    return { lit: { kind: 'guid', value: guid[0].toLowerCase() }, end: pos + 36 };
  const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?/.exec(rest);
  if (num) return { lit: { kind: 'number', value: Number.parseFloat(num[0]) }, end: pos + num[0].length };
  const word = /^(true|false|null)\b/.exec(rest);
  if (word) {
    const lit: Literal = word[1] === 'null' ? { kind: 'null' } : { kind: 'bool', value: word[1] === 'true' };
    return { lit, end: pos + word[0].length };
  }
  return undefined;
}

/** The JSON value a literal stands for. */
export function literalValue(lit: Literal): unknown {
  switch (lit.kind) {
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'bool':
    case 'enum':
    case 'datetime':
    case 'guid':
      return lit.value;
  }
}

/**
 * Parses a key segment `(dataAreaId='usmf',CustomerAccount='US-001')` for an entity: every key part must
 * be named and present (F&O: "All fields in the entity key must be provided"); numeric parts unquoted.
 */
export function parseKey(entity: Entity, segment: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let i = 0;
  if (entity.keys.length === 1 && !/^\s*\w+\s*=/.test(segment)) {
    const r = readLiteral(segment, 0);
    if (!r || r.end !== segment.length)
      throw badRequest(`Bad key '${segment}' for entity set '${entity.set}'.`);
    out[entity.keys[0]!] = literalValue(r.lit);
    return out;
  }
  while (i < segment.length) {
    const m = /^\s*(\w+)\s*=\s*/.exec(segment.slice(i));
    if (!m)
      throw badRequest(`Bad key segment '(${segment})' for entity set '${entity.set}' at position ${i}.`);
    i += m[0].length;
    const r = readLiteral(segment, i);
    if (!r) throw badRequest(`Bad key value for '${m[1]}' in '(${segment})'.`);
    const prop = entity.propMap.get(m[1]!);
    if (!prop || !entity.keys.includes(m[1]!)) {
      throw badRequest(`The key property '${m[1]}' is not a key of type '${NS}.${entity.type}'.`);
    }
    const numeric = prop.t === 'Int32' || prop.t === 'Int64' || prop.t === 'Decimal';
    if (numeric !== (r.lit.kind === 'number')) {
      throw badRequest(
        `The key value for '${m[1]}' must be ${numeric ? 'an unquoted number' : 'a quoted string'} in '(${segment})'.`,
      );
    }
    out[m[1]!] = literalValue(r.lit);
    i = r.end;
    if (segment[i] === ',') i++;
  }
  const missing = entity.keys.filter((k) => !(k in out));
  if (missing.length > 0) {
    throw badRequest(
      `The number of keys specified in the URI does not match number of key properties for the resource '${NS}.${entity.type}'. Missing: ${missing.join(', ')}.`,
    );
  }
  return out;
}

/** Formats a key for URLs, doubling single quotes. */
export function formatKey(entity: Entity, row: Record<string, unknown>): string {
  return entity.keys
    .map((k) => {
      const v = row[k];
      return typeof v === 'number' ? `${k}=${v}` : `${k}='${String(v).replace(/'/g, "''")}'`;
    })
    .join(',');
}
