/** One difference between two JSON values, named by its path. */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** The paths where `after` differs from `before`, deepest first-level differences only. */
export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (Object.is(before, after)) return [];
  const bothObjects =
    typeof before === 'object' && before !== null && typeof after === 'object' && after !== null;
  if (!bothObjects || Array.isArray(before) !== Array.isArray(after))
    return [{ path: path || '(whole)', before, after }];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: Change[] = [];
  for (const k of keys) out.push(...diffJson(a[k], b[k], path ? `${path}.${k}` : k));
  return out;
}

/** A short text for a JSON value in a diff. */
export function preview(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
