import type { DecisionOperator } from '@flowline/contracts';

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const patterns = new Map<string, RegExp>();

/** Whether a value is empty: undefined, null, '', an empty array or an empty object. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Compares two values as a decision shape does: numbers (and numeric text) by value, everything
 * else as text (ISO dates therefore in time order); `wildcard` knows `*` and `?`; `regex` is a
 * JavaScript regular expression searched in the text. Throws on an invalid regular expression.
 */
export function compare(
  operator: DecisionOperator,
  left: unknown,
  right: unknown,
  ignoreCase = false,
): boolean {
  if (operator === 'empty') return isEmpty(left);
  if (operator === 'wildcard' || operator === 'regex') {
    const text = left === undefined || left === null ? '' : String(left);
    return pattern(operator, String(right ?? ''), ignoreCase).test(text);
  }
  const order = ordering(left, right, ignoreCase);
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order !== undefined && order < 0;
    case '<=':
      return order !== undefined && order <= 0;
    case '>':
      return order !== undefined && order > 0;
    case '>=':
      return order !== undefined && order >= 0;
  }
}

/** -1, 0 or 1; undefined when one side is missing (missing equals only missing). */
function ordering(left: unknown, right: unknown, ignoreCase: boolean): number | undefined {
  const l = left ?? undefined;
  const r = right ?? undefined;
  if (l === undefined || r === undefined) return l === r ? 0 : undefined;
  if (isNumeric(l) && isNumeric(r)) return Math.sign(Number(l) - Number(r));
  let a = typeof l === 'object' ? JSON.stringify(l) : String(l);
  let b = typeof r === 'object' ? JSON.stringify(r) : String(r);
  if (ignoreCase) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNumeric(v: unknown): boolean {
  return (
    (typeof v === 'number' && Number.isFinite(v)) ||
    typeof v === 'bigint' ||
    (typeof v === 'string' && NUMERIC.test(v))
  );
}

function pattern(kind: 'wildcard' | 'regex', source: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${kind}\u0000${ignoreCase}\u0000${source}`;
  let re = patterns.get(cacheKey);
  if (!re) {
    const body =
      kind === 'regex'
        ? source
        : `^${source
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`;
    re = new RegExp(body, ignoreCase ? 'is' : 's');
    // Patterns usually come from the process (a handful); field-driven ones must not grow the cache forever.
    if (patterns.size > 500) patterns.clear();
    patterns.set(cacheKey, re);
  }
  return re;
}
