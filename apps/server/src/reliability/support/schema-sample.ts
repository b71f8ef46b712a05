import { NOBODY } from './api-routes.js';

type Schema = Record<string, unknown>;

const asSchemas = (v: unknown): Schema[] => (Array.isArray(v) ? (v as Schema[]) : []);

/** The smallest value a JSON schema accepts, as far as a generator can tell (required fields only). */
export function sampleOf(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('default' in schema) return schema.default;
  const choice = asSchemas(schema.anyOf ?? schema.oneOf).find((s) => s.type !== 'null');
  if (choice) return sampleOf(choice, depth + 1);
  const all = asSchemas(schema.allOf);
  if (all.length) return Object.assign({}, ...all.map((s) => sampleOf(s, depth + 1) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const out: Record<string, unknown> = {};
      for (const name of (schema.required ?? []) as string[]) out[name] = sampleOf(props[name], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: Number(schema.minItems ?? 0) }, () =>
        sampleOf(schema.items as Schema, depth + 1),
      );
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? schema.exclusiveMinimum ?? 0) + (schema.exclusiveMinimum ? 1 : 0) || 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function stringOf(schema: Schema): string {
  switch (schema.format) {
    case 'uuid':
      return NOBODY;
    case 'date-time':
      return '2026-01-01T00:00:00.000Z';
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/data';
    default:
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
  }
}

/** Paths (as key lists) to every property of a sampled value, the value itself included. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  const out = [prefix];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `value` with the thing at `path` replaced (or removed when `replacement` is undefined). */
export function setPath(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = setPath(copy[head], rest, replacement);
  return copy;
}
