import type { Entity } from '../catalogue/model.js';
import type { PropertyDef } from '../catalogue/types.js';

/** F&O's empty date (a date-only field with no value). */
export const EMPTY_DATE = '1900-01-01T12:00:00Z';
/** F&O's empty utcdatetime. */
export const EMPTY_DATETIME = '1900-01-01T00:00:00Z';
/** F&O's open-ended ValidTo. */
export const MAX_DATETIME = '2154-12-31T23:59:59Z';
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** The value F&O shows for a field nobody set (InitValue defaults). */
export function defaultValue(p: PropertyDef, enumFirst: (name: string) => string | undefined): unknown {
  switch (p.t) {
    case 'String':
    case 'Binary':
      return '';
    case 'Int32':
    case 'Int64':
    case 'Decimal':
      return 0;
    case 'Boolean':
      return false;
    case 'Guid':
      return ZERO_GUID;
    case 'Date':
      return EMPTY_DATE;
    case 'DateTime':
      return p.n === 'ValidTo' || p.n.endsWith('ValidTo') ? MAX_DATETIME : EMPTY_DATETIME;
    case 'Enum':
      return p.nu ? null : (enumFirst(p.e ?? '') ?? null);
  }
}

/** A date-only value as F&O serialises it: the day at 12:00:00 UTC. */
export function dateOnly(d: Date | string): string {
  const iso = typeof d === 'string' ? d : d.toISOString();
  return `${iso.slice(0, 10)}T12:00:00Z`;
}

/** A utcdatetime without milliseconds, as F&O writes it. */
export function utcDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** ETag in F&O's format: W/"base64('recVersion,recId')" (FNO-ODATA.md §5). */
export function etagOf(recVersion: number, recId: number): string {
  return `W/"${Buffer.from(`'${recVersion},${recId}'`).toString('base64')}"`;
}

/** A full row with every property of the entity, defaults first. */
export function blankRow(
  e: Entity,
  enumFirst: (name: string) => string | undefined,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const p of e.props) row[p.n] = defaultValue(p, enumFirst);
  return row;
}
