/** Time zones through Intl (IANA names; no zone data shipped with us). */
import { MappingError, show } from '../errors.js';

/** Wall-clock parts of an instant in a zone. */
export interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Offset from UTC in minutes. */
  off: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new MappingError(`unknown time zone ${show(tz)}`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock parts of `ms` (epoch) in time zone `tz` (UTC when undefined or 'UTC'). */
export function partsIn(ms: number, tz?: string): Parts {
  const d = new Date(ms);
  if (tz === undefined || tz === 'UTC' || tz === 'Z') {
    return {
      y: d.getUTCFullYear(),
      mo: d.getUTCMonth() + 1,
      d: d.getUTCDate(),
      h: d.getUTCHours(),
      mi: d.getUTCMinutes(),
      s: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      off: 0,
    };
  }
  const p: Record<string, number> = {};
  for (const x of formatter(tz).formatToParts(d)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const msPart = ((ms % 1000) + 1000) % 1000;
  return {
    y: p.year!,
    mo: p.month!,
    d: p.day!,
    h: p.hour!,
    mi: p.minute!,
    s: p.second!,
    ms: msPart,
    off: Math.round((wall - (ms - msPart)) / 60000),
  };
}

/** Epoch of a wall-clock time in a zone (the earlier instant when a DST change makes it ambiguous). */
export function fromWall(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  tz?: string,
): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (tz === undefined || tz === 'UTC' || tz === 'Z') return guess;
  const off1 = partsIn(guess, tz).off;
  const off2 = partsIn(guess - off1 * 60000, tz).off;
  return guess - off2 * 60000;
}
