import { isoUtc } from '../convert.js';
import { MappingError, show } from '../errors.js';
import { p2, tokens } from './date-mask.js';
import { fromWall, type Parts } from './time-zone.js';

const PATTERNS: Record<string, string> = {
  yyyy: '(\\d{4})',
  yy: '(\\d{2})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  dd: '(\\d{2})',
  d: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  hh: '(\\d{2})',
  h: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
  SSS: '(\\d{3})',
  a: '(AM|PM|am|pm)',
  XXX: '(Z|[+-]\\d{2}:\\d{2})',
};
const parsers = new Map<string, { re: RegExp; fields: string[] }>();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Parsed = Parts & { pm?: boolean; hasOff?: boolean };

const daysIn = (y: number, mo: number): number =>
  mo === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : mo === 4 || mo === 6 || mo === 9 || mo === 11
      ? 30
      : 31;

const WIDTH: Record<string, number> = { yyyy: 4, yy: 2, MM: 2, dd: 2, HH: 2, hh: 2, mm: 2, ss: 2, SSS: 3 };
/** Position plan of a mask whose fields all have a fixed width (the common case): no regex needed. */
interface Plan {
  length: number;
  fields: { t: string; at: number; width: number }[];
  literals: { at: number; code: number }[];
}
const plans = new Map<string, Plan | null>();

function plan(mask: string): Plan | null {
  let p = plans.get(mask);
  if (p !== undefined) return p;
  p = { length: 0, fields: [], literals: [] };
  for (const k of tokens(mask)) {
    if (k.t === '') {
      for (let i = 0; i < k.lit.length; i++) p.literals.push({ at: p.length + i, code: k.lit.charCodeAt(i) });
      p.length += k.lit.length;
      continue;
    }
    const width = WIDTH[k.t];
    if (width === undefined) {
      p = null;
      break;
    }
    p.fields.push({ t: k.t, at: p.length, width });
    p.length += width;
  }
  plans.set(mask, p);
  return p;
}

/** Reads fixed-width fields by position; undefined when the text does not fit (the regex path reports it). */
function parseFixed(text: string, pl: Plan): Parsed | undefined {
  if (text.length !== pl.length) return undefined;
  for (const l of pl.literals) if (text.charCodeAt(l.at) !== l.code) return undefined;
  const p: Parsed = { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0, off: 0 };
  for (const f of pl.fields) {
    let n = 0;
    for (let i = f.at; i < f.at + f.width; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      n = n * 10 + c;
    }
    set(p, f.t, n, '');
  }
  return p;
}

function set(p: Parsed, f: string, n: number, v: string): void {
  if (f === 'yyyy') p.y = n;
  else if (f === 'yy') p.y = 2000 + n;
  else if (f === 'MM' || f === 'M') p.mo = n;
  else if (f === 'dd' || f === 'd') p.d = n;
  else if (f === 'HH' || f === 'H' || f === 'hh' || f === 'h') p.h = n;
  else if (f === 'mm') p.mi = n;
  else if (f === 'ss') p.s = n;
  else if (f === 'SSS') p.ms = n;
  else if (f === 'a') p.pm = v.toUpperCase() === 'PM';
  else if (f === 'XXX') {
    p.hasOff = true;
    p.off = v === 'Z' ? 0 : (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(4, 6)));
  }
}

function checkParts(p: Parsed, text: string, mask: string): Parsed {
  if (p.pm !== undefined) p.h = (p.h % 12) + (p.pm ? 12 : 0);
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.h > 23 || p.mi > 59 || p.s > 59) {
    throw new MappingError(`${show(text)} is not a valid date for the mask '${mask}'`);
  }
  if (p.d > daysIn(p.y, p.mo))
    throw new MappingError(`${show(text)} is not a valid date (day ${p.d} of month ${p.mo})`);
  return p;
}

/** Reads wall-clock parts (and an offset when the mask has XXX) from text with a mask. */
function parseParts(text: string, mask: string): Parsed {
  const pl = plan(mask);
  const fixed = pl ? parseFixed(text, pl) : undefined;
  if (fixed) return checkParts(fixed, text, mask);
  let parser = parsers.get(mask);
  if (!parser) {
    const fields: string[] = [];
    let src = '';
    for (const k of tokens(mask)) {
      if (k.t === '') src += escapeRe(k.lit);
      else {
        src += PATTERNS[k.t] ?? escapeRe(k.t);
        if (PATTERNS[k.t]) fields.push(k.t);
      }
    }
    parser = { re: new RegExp(`^${src}$`), fields };
    parsers.set(mask, parser);
  }
  const { re, fields } = parser;
  const m = re.exec(text.trim());
  if (!m) throw new MappingError(`${show(text)} does not match the date mask '${mask}'`);
  const p: Parsed = { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0, off: 0 };
  for (let i = 0; i < fields.length; i++) {
    const v = m[i + 1]!;
    set(p, fields[i]!, Number(v), v);
  }
  return checkParts(p, text, mask);
}

/** Parses text with a mask to an ISO UTC date-time; wall time is in `tz` unless the mask has an offset (XXX). */
export function parseMask(text: string, mask: string, tz?: string): string {
  const p = parseParts(text, mask);
  if (p.hasOff) return isoUtc(new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms) - p.off * 60000));
  if (tz === undefined || tz === 'UTC') {
    if (p.ms === 0 && p.y >= 1000) return `${p.y}-${p2(p.mo)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}Z`;
    return isoUtc(new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms)));
  }
  return isoUtc(new Date(fromWall(p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms, tz)));
}
