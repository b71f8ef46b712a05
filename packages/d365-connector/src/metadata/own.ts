/**
 * Names in `$metadata` are the service's text: `constructor` or `__proto__` must address nothing but
 * what the document declared, never what every JavaScript object inherits.
 */

/** The entry the dictionary itself holds under `name` (inherited members do not count). */
export function own<T>(dict: Record<string, T> | undefined, name: string): T | undefined {
  // Looked up first: most lookups of a name a dictionary lacks then end without a second one.
  const value = dict?.[name];
  return value !== undefined && Object.hasOwn(dict!, name) ? value : undefined;
}

/** Sets an entry; `__proto__` becomes an ordinary entry instead of replacing the prototype. */
export function put<T>(dict: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') {
    Object.defineProperty(dict, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    dict[name] = value;
  }
}
