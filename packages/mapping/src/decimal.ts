import DecimalJs from 'decimal.js';
import { MappingError, show } from './errors.js';

/**
 * Exact decimal arithmetic. Policy: numbers in, numbers out (the double nearest to the exact decimal
 * result of the inputs as written, so 0.1 + 0.2 === 0.3); any string or bigint input gives an exact
 * result, a number when it round-trips and a decimal string otherwise (Int64 beyond 2^53, Decimal(32,6)).
 */
export const Dec = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

/** A numeric input: a JS number, a decimal string, or a bigint. */
export type Numeric = number | string | bigint;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Digits after the point in the shortest decimal form of a number; -1 when too large or too small
 * for the fast path. `m / 10^k === x` means a k-digit decimal rounds to x (the division is correctly
 * rounded), so the first such k is the number of decimals of x as written, found without `String(x)`.
 */
function decimals(x: number): number {
  if (Number.isInteger(x)) return Math.abs(x) <= Number.MAX_SAFE_INTEGER ? 0 : -1;
  for (let k = 1; k <= 15; k++) {
    const p = POW10[k]!;
    const m = Math.round(x * p);
    if (m > Number.MAX_SAFE_INTEGER || m < -Number.MAX_SAFE_INTEGER) return -1;
    if (m / p === x) return k;
  }
  return -1;
}

/** Converts an input to an exact decimal; throws a MappingError naming the value when not numeric. */
export function toDec(v: unknown): Dec {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new MappingError(`${show(v)} is not a finite number`);
    return new Dec(v);
  }
  if (typeof v === 'bigint') return new Dec(v.toString());
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return new Dec(t);
  }
  if (typeof v === 'boolean') return new Dec(v ? 1 : 0);
  throw new MappingError(`${show(v)} is not a number`);
}

/** Back from an exact decimal: a number when it round-trips exactly (or when `asNumber`), else a string. */
export function fromDec(d: Dec, asNumber = false): number | string {
  const n = d.toNumber();
  if (asNumber) return n;
  // An integer beyond 2^53 stays a string even when it happens to be a double: it is an Int64 value.
  if (d.isInteger() && !Number.isSafeInteger(n)) return d.toFixed(0);
  return String(n) === d.toString() ? n : d.toString();
}

type Op = 'plus' | 'minus' | 'times';

function slow(a: unknown, b: unknown, op: Op): number | string {
  const r = toDec(a)[op](toDec(b));
  return fromDec(r, typeof a === 'number' && typeof b === 'number');
}

/** Fast exact path for numbers: scale both to integers, operate, scale back (one correctly rounded division). */
function fast(a: number, b: number, op: Op): number | undefined {
  const da = decimals(a);
  const db = decimals(b);
  if (da < 0 || db < 0) return undefined;
  if (op === 'times') {
    const d = da + db;
    if (d > 22) return undefined;
    const p = Math.round(a * POW10[da]!) * Math.round(b * POW10[db]!);
    return Number.isSafeInteger(p) ? p / POW10[d]! : undefined;
  }
  const d = Math.max(da, db);
  const ia = Math.round(a * POW10[d]!);
  const ib = Math.round(b * POW10[d]!);
  const r = op === 'plus' ? ia + ib : ia - ib;
  return Number.isSafeInteger(ia) && Number.isSafeInteger(ib) && Number.isSafeInteger(r)
    ? r / POW10[d]!
    : undefined;
}

function arith(a: unknown, b: unknown, op: Op): number | string {
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) {
    const r = fast(a, b, op);
    if (r !== undefined) return r;
  }
  return slow(a, b, op);
}

/** a + b, exact. */
export const decAdd = (a: unknown, b: unknown): number | string => arith(a, b, 'plus');
/** a - b, exact. */
export const decSub = (a: unknown, b: unknown): number | string => arith(a, b, 'minus');
/** a * b, exact. */
export const decMul = (a: unknown, b: unknown): number | string => arith(a, b, 'times');

/** a / b rounded to `scale` digits after the point (default: 40 significant digits). */
export function decDiv(a: unknown, b: unknown, scale?: number): number | string {
  const db = toDec(b);
  if (db.isZero()) throw new MappingError(`division of ${show(a)} by zero`);
  let r = toDec(a).div(db);
  if (scale !== undefined) r = r.toDecimalPlaces(scale, Dec.ROUND_HALF_UP);
  return fromDec(r, typeof a === 'number' && typeof b === 'number');
}

/** Rounds half away from zero (commercial rounding, as F&O does) to `digits` after the point. */
export function decRound(x: unknown, digits = 0): number | string {
  if (typeof x === 'number' && Number.isFinite(x) && digits >= 0 && digits <= 15) {
    const s = Math.abs(x) * POW10[digits]!;
    const frac = s - Math.floor(s);
    // Only a value at (or within float noise of) a half needs the exact path.
    if (s < 2 ** 52 && Math.abs(frac - 0.5) > 1e-6) return (Math.sign(x) * Math.round(s)) / POW10[digits]!;
  }
  return fromDec(toDec(x).toDecimalPlaces(digits, Dec.ROUND_HALF_UP), typeof x === 'number');
}

/** Compares two numerics exactly: -1, 0 or 1. */
export function decCompare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return toDec(a).comparedTo(toDec(b));
}

/** Precision (significant digits left of scale included) and scale of a numeric value as written. */
export function digitsOf(v: unknown): { precision: number; scale: number } {
  const d = toDec(v);
  const scale = Math.max(0, d.decimalPlaces());
  const intDigits = d.abs().lt(1) ? 0 : d.abs().trunc().toFixed(0).length;
  return { precision: intDigits + scale, scale };
}
