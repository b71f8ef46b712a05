/** Reads the value at a JSON pointer (`/auth/clientSecret`); undefined when any step is missing. */
export function getAt(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const key of pointer.split('/').slice(1)) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** Sets the value at a JSON pointer whose parent exists; does nothing otherwise. */
export function setAt(doc: unknown, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop();
  const parent = getAt(doc, keys.length ? `/${keys.join('/')}` : '');
  if (last !== undefined && parent && typeof parent === 'object')
    (parent as Record<string, unknown>)[last] = value;
}
