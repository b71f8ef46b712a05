/** A value a function or a conversion cannot handle; the compiler reports it with the rule and field. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Whether a value counts as empty for defaults and `coalesce`: undefined, null or ''. */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Short printable form of a value for messages. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (typeof v === 'bigint') return `${v}n`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}
