import { type Parts, partsIn } from './time-zone.js';

/**
 * Date masks: yyyy yy MM M dd d HH H hh h mm ss SSS a XXX, text in single quotes; anything else is
 * literal. Time zones are IANA names resolved by Intl (no time-zone data shipped with us).
 */
/** One piece of a mask: a field token (`t`), or literal text (`t` empty). One shape, for fast loops. */
export type Token = { t: string; lit: string };

const TOKEN = /yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|ss|SSS|a|XXX|'[^']*'|./g;
const masks = new Map<string, Token[]>();

export function tokens(mask: string): Token[] {
  let list = masks.get(mask);
  if (!list) {
    list = (mask.match(TOKEN) ?? []).map((m) =>
      /^[yMdHhmsSaX]/.test(m)
        ? { t: m, lit: '' }
        : { t: '', lit: m.startsWith("'") && m.length > 1 ? m.slice(1, -1) : m },
    );
    masks.set(mask, list);
  }
  return list;
}

export const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const p3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** `+01:00`-style offset text. */
export function offsetText(off: number): string {
  const a = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** Formats an instant with a mask in a zone. */
export function formatMask(ms: number, mask: string, tz?: string): string {
  return formatParts(partsIn(ms, tz), mask);
}

/** Wall-clock parts of a canonical UTC text (`YYYY-MM-DDTHH:mm:ssZ`), read without a Date. */
export function canonicalParts(v: string): Parts {
  return {
    y: two(v, 0) * 100 + two(v, 2),
    mo: two(v, 5),
    d: two(v, 8),
    h: two(v, 11),
    mi: two(v, 14),
    s: two(v, 17),
    ms: 0,
    off: 0,
  };
}
const two = (v: string, i: number): number => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;

/** Formats wall-clock parts with a mask. */
export function formatParts(p: Parts, mask: string): string {
  let out = '';
  const list = tokens(mask);
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    if (k.t === '') {
      out += k.lit;
      continue;
    }
    switch (k.t) {
      case 'yyyy':
        out += p.y < 1000 ? String(p.y).padStart(4, '0') : String(p.y);
        break;
      case 'yy':
        out += p2(p.y % 100);
        break;
      case 'MM':
        out += p2(p.mo);
        break;
      case 'M':
        out += p.mo;
        break;
      case 'dd':
        out += p2(p.d);
        break;
      case 'd':
        out += p.d;
        break;
      case 'HH':
        out += p2(p.h);
        break;
      case 'H':
        out += p.h;
        break;
      case 'hh':
        out += p2(p.h % 12 || 12);
        break;
      case 'h':
        out += p.h % 12 || 12;
        break;
      case 'mm':
        out += p2(p.mi);
        break;
      case 'ss':
        out += p2(p.s);
        break;
      case 'SSS':
        out += p3(p.ms);
        break;
      case 'a':
        out += p.h < 12 ? 'AM' : 'PM';
        break;
      case 'XXX':
        out += p.off === 0 ? 'Z' : offsetText(p.off);
        break;
      default:
        out += k.t;
    }
  }
  return out;
}
