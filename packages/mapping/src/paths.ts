import type { ProfileField } from '@flowline/contracts';

/** A parsed path: property names, and whether it names a collection (`Lines[]`). */
export interface ParsedPath {
  segments: string[];
  collection: boolean;
}

/** Splits `A.B` or `Lines[]` into segments; `[]` is allowed only at the end. */
export function parsePath(path: string): ParsedPath {
  const collection = path.endsWith('[]');
  const body = collection ? path.slice(0, -2) : path;
  const segments = body.split('.');
  if (segments.some((s) => s === '' || s.includes('[') || s.includes(']'))) {
    throw new Error(`Invalid path '${path}': use names joined by '.', with '[]' only at the end`);
  }
  return { segments, collection };
}

/** Finds a field by path in a list of profile fields (complex and navigation fields have nested fields). */
export function findField(
  fields: readonly ProfileField[] | undefined,
  segments: readonly string[],
): ProfileField | undefined {
  let list = fields;
  let found: ProfileField | undefined;
  for (const name of segments) {
    found = list?.find((f) => f.name === name);
    if (!found) return undefined;
    list = found.fields;
  }
  return found;
}

/** Reads a value by path segments; undefined when any step is missing. */
export function readPath(obj: unknown, segments: readonly string[]): unknown {
  let cur = obj;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** Returns a fast reader for one path (specialised for the common one- and two-name paths). */
export function pathReader(segments: readonly string[]): (obj: unknown) => unknown {
  if (segments.length === 1) {
    const a = segments[0]!;
    return (o) => (o === null || typeof o !== 'object' ? undefined : (o as Record<string, unknown>)[a]);
  }
  if (segments.length === 2) {
    const a = segments[0]!;
    const b = segments[1]!;
    return (o) => {
      if (o === null || typeof o !== 'object') return undefined;
      const x = (o as Record<string, unknown>)[a];
      return x === null || typeof x !== 'object' ? undefined : (x as Record<string, unknown>)[b];
    };
  }
  return (o) => readPath(o, segments);
}

/** Returns a writer that sets a value at a path, creating intermediate objects. */
export function pathWriter(
  segments: readonly string[],
): (obj: Record<string, unknown>, value: unknown) => void {
  if (segments.length === 1) {
    const a = segments[0]!;
    return (o, v) => {
      o[a] = v;
    };
  }
  const last = segments[segments.length - 1]!;
  const parents = segments.slice(0, -1);
  return (o, v) => {
    let cur = o;
    for (const s of parents) {
      let next = cur[s];
      if (next === null || typeof next !== 'object') {
        next = {};
        cur[s] = next;
      }
      cur = next as Record<string, unknown>;
    }
    cur[last] = v;
  };
}

/** Joins a loop prefix and a relative path for messages (`Lines[2].Amount`). */
export function joinPath(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix}.${path}`;
}
