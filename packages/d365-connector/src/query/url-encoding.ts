import { QueryBuildError } from './query-error.js';

/**
 * Percent-encoding for OData URLs. Everything outside a small safe set is encoded as UTF-8, so `#`, `&`,
 * `%`, `+`, `=`, `;`, `?`, spaces and newlines never change the meaning of a URL.
 */

// In query values `/`, `?` and `+` are encoded: OData string literals allow neither raw.
const QUERY_SAFE = /[A-Za-z0-9\-._~'(),:@$*!=]/;
const QUERY_PATH_SAFE = /[A-Za-z0-9\-._~'(),:@$*!=/]/;
const PATH_SAFE = /[A-Za-z0-9\-._~'(),:@$*!=]/;

const LONE_SURROGATE = /\p{Surrogate}/u;

function encodeWith(text: string, safe: RegExp): string {
  // A lone surrogate has no UTF-8 form: no URL can carry it, so no query may silently change it.
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new QueryBuildError(
      `The value has a lone surrogate (U+${code}) at ${lone.index}, which no URL can carry`,
    );
  }
  let out = '';
  for (const ch of text) {
    out += safe.test(ch)
      ? ch
      : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return out;
}

/** Encodes the value of a query option (`$filter=...`). */
export function encodeQueryValue(text: string): string {
  return encodeWith(text, QUERY_SAFE);
}

/** Encodes property paths and structure in a query option (`Nav/Name`): keeps `/`. */
export function encodeQueryPath(text: string): string {
  return encodeWith(text, QUERY_PATH_SAFE);
}

/** Encodes one path segment (entity set, key predicate): `/` is encoded too. */
export function encodePathSegment(text: string): string {
  return encodeWith(text, PATH_SAFE);
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

/** Whether the text is an OData simple identifier (entity set, property, alias). */
export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

const QUALIFIED =
  /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}(\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127})+$/u;

/** Whether the text is a namespace-qualified name (`Microsoft.Dynamics.DataEntities.NoYes`). */
export function isQualifiedName(text: string): boolean {
  return QUALIFIED.test(text);
}
