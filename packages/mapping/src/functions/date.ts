import { FNO_EMPTY_DATE, isCanonicalUtc, isoUtc, toDateTime } from '../convert.js';
import { isEmpty, MappingError, show } from '../errors.js';
import { canonicalParts, formatMask, formatParts, offsetText } from './date-mask.js';
import { parseMask } from './date-parse.js';
import { fromWall, partsIn } from './time-zone.js';
import { defineFunction } from './types.js';

const tzOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** Epoch of a date-time input (ISO text, `YYYY-MM-DD` as F&O noon UTC, or a Date). */
const epoch = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(toDateTime(v)));
const ymd = (ms: number, tz?: string): string => formatMask(ms, 'yyyy-MM-dd', tz);
const utc = (tz: string | undefined): boolean => tz === undefined || tz === 'UTC';
/** Day of a date-time input in a zone; canonical UTC text is read without a Date. */
const dayOf = (v: unknown, tz?: string): string =>
  utc(tz) && isCanonicalUtc(v) ? v.slice(0, 10) : ymd(epoch(v), tz);
const text = (v: unknown, name: string): string => {
  if (typeof v !== 'string') throw new MappingError(`${name} must be text, got ${show(v)}`);
  return v;
};

/** Date functions; date-times travel as ISO text in UTC (`2026-01-15T12:00:00Z`). */
export const dateFunctions = [
  defineFunction({
    id: 'parseDate',
    category: 'date',
    description:
      'Reads a date-time from text with a mask (yyyy MM dd HH mm ss SSS a XXX), as wall time in a zone.',
    inputs: [
      { name: 'text', type: 'string', description: 'the text' },
      { name: 'mask', type: 'string', description: "e.g. 'dd.MM.yyyy HH:mm'" },
      {
        name: 'timeZone',
        type: 'string',
        description: 'IANA zone of the text (UTC by default)',
        optional: true,
      },
    ],
    output: 'datetime',
    examples: [
      { args: ['15.01.2026 13:30', 'dd.MM.yyyy HH:mm'], result: '2026-01-15T13:30:00Z' },
      { args: ['15.07.2026 13:30', 'dd.MM.yyyy HH:mm', 'Europe/Berlin'], result: '2026-07-15T11:30:00Z' },
      { args: ['01/15/26 1:05 PM', 'MM/dd/yy h:mm a'], result: '2026-01-15T13:05:00Z' },
    ],
    impl: ([v, mask, tz]) => (isEmpty(v) ? null : parseMask(text(v, 'text'), text(mask, 'mask'), tzOf(tz))),
  }),
  defineFunction({
    id: 'formatDate',
    category: 'date',
    description: 'Text of a date-time with a mask, as wall time in a zone (UTC by default).',
    inputs: [
      { name: 'dateTime', type: 'datetime', description: 'the date-time' },
      { name: 'mask', type: 'string', description: "e.g. 'yyyy-MM-dd'" },
      { name: 'timeZone', type: 'string', description: 'IANA zone', optional: true },
    ],
    output: 'string',
    examples: [
      { args: ['2026-01-15T12:00:00Z', 'dd.MM.yyyy'], result: '15.01.2026' },
      {
        args: ['2026-01-15T23:30:00Z', "yyyy-MM-dd'T'HH:mmXXX", 'Europe/Paris'],
        result: '2026-01-16T00:30+01:00',
      },
    ],
    impl: ([v, mask, tz]) => {
      if (isEmpty(v)) return null;
      const zone = tzOf(tz);
      const m = text(mask, 'mask');
      return utc(zone) && isCanonicalUtc(v)
        ? formatParts(canonicalParts(v), m)
        : formatMask(epoch(v), m, zone);
    },
  }),
  defineFunction({
    id: 'toTimeZone',
    category: 'date',
    description: 'Wall time of a date-time in a zone, as ISO text with its offset.',
    inputs: [
      { name: 'dateTime', type: 'datetime', description: 'the date-time' },
      { name: 'timeZone', type: 'string', description: 'IANA zone' },
    ],
    output: 'string',
    examples: [{ args: ['2026-07-01T10:00:00Z', 'America/New_York'], result: '2026-07-01T06:00:00-04:00' }],
    impl: ([v, tz]) => {
      if (isEmpty(v)) return null;
      const ms = epoch(v);
      return `${formatMask(ms, "yyyy-MM-dd'T'HH:mm:ss", tzOf(tz))}${offsetText(partsIn(ms, tzOf(tz)).off)}`;
    },
  }),
  defineFunction({
    id: 'fromTimeZone',
    category: 'date',
    description: 'UTC date-time of a wall time (YYYY-MM-DDTHH:mm[:ss]) in a zone.',
    inputs: [
      { name: 'localDateTime', type: 'string', description: 'wall time without offset' },
      { name: 'timeZone', type: 'string', description: 'IANA zone' },
    ],
    output: 'datetime',
    examples: [{ args: ['2026-01-15T09:00:00', 'Asia/Tokyo'], result: '2026-01-15T00:00:00Z' }],
    impl: ([v, tz]) => {
      if (isEmpty(v)) return null;
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text(v, 'localDateTime'));
      if (!m) throw new MappingError(`${show(v)} is not a wall time like 2026-01-15T09:00:00`);
      const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      return isoUtc(new Date(fromWall(y, mo, d, h, mi, s, 0, tzOf(tz))));
    },
  }),
  defineFunction({
    id: 'toFnoDate',
    category: 'date',
    description:
      "F&O date-only value: the day (in a zone, UTC by default) at 12:00 UTC; empty gives F&O's 1900-01-01.",
    inputs: [
      { name: 'date', type: 'datetime', description: 'a date or date-time' },
      { name: 'timeZone', type: 'string', description: 'zone whose calendar day is taken', optional: true },
    ],
    output: 'datetime',
    examples: [
      { args: ['2026-01-15'], result: '2026-01-15T12:00:00Z' },
      { args: ['2026-01-15T23:30:00Z', 'Europe/Berlin'], result: '2026-01-16T12:00:00Z' },
      { args: [null], result: FNO_EMPTY_DATE },
    ],
    impl: ([v, tz]) => (isEmpty(v) ? FNO_EMPTY_DATE : `${dayOf(v, tzOf(tz))}T12:00:00Z`),
  }),
  defineFunction({
    id: 'fromFnoDate',
    category: 'date',
    description: "Day of an F&O date-only value as YYYY-MM-DD; F&O's empty date (1900-01-01) gives empty.",
    inputs: [{ name: 'dateTime', type: 'datetime', description: 'F&O date value' }],
    output: 'date',
    examples: [
      { args: ['2026-01-15T12:00:00Z'], result: '2026-01-15' },
      { args: ['1900-01-01T12:00:00Z'], result: null },
    ],
    impl: ([v]) => {
      if (isEmpty(v)) return null;
      const day = dayOf(v);
      return day === '1900-01-01' ? null : day;
    },
  }),
  defineFunction({
    id: 'isEmptyDate',
    category: 'date',
    description: "True for an empty value or F&O's empty date (any time on 1900-01-01).",
    inputs: [{ name: 'dateTime', type: 'datetime', description: 'the date-time' }],
    output: 'boolean',
    examples: [
      { args: ['1900-01-01T00:00:00Z'], result: true },
      { args: ['2026-01-15T12:00:00Z'], result: false },
    ],
    impl: ([v]) => isEmpty(v) || dayOf(v) === '1900-01-01',
  }),
  defineFunction({
    id: 'addDays',
    category: 'date',
    description: 'Date-time moved by a number of days (negative goes back).',
    inputs: [
      { name: 'dateTime', type: 'datetime', description: 'the date-time' },
      { name: 'days', type: 'integer', description: 'days to add' },
    ],
    output: 'datetime',
    examples: [{ args: ['2026-02-27T12:00:00Z', 2], result: '2026-03-01T12:00:00Z' }],
    impl: ([v, days]) => (isEmpty(v) ? null : isoUtc(new Date(epoch(v) + Number(days) * 86_400_000))),
  }),
  defineFunction({
    id: 'now',
    category: 'date',
    description: 'The current date-time (the run clock, fixed by the host in tests).',
    inputs: [],
    output: 'datetime',
    examples: [
      { args: [], result: '2026-01-15T08:00:00Z', env: { now: () => new Date('2026-01-15T08:00:00Z') } },
    ],
    impl: (_, env) => isoUtc(env.now()),
  }),
  defineFunction({
    id: 'today',
    category: 'date',
    description: 'The current day in a zone as YYYY-MM-DD.',
    inputs: [{ name: 'timeZone', type: 'string', description: 'IANA zone (UTC by default)', optional: true }],
    output: 'date',
    examples: [
      {
        args: ['Pacific/Auckland'],
        result: '2026-01-16',
        env: { now: () => new Date('2026-01-15T20:00:00Z') },
      },
    ],
    impl: ([tz], env) => ymd(env.now().getTime(), tzOf(tz)),
  }),
];
