import type { FnoClient, TrackedRecord } from '@flowline/d365-connector';
import type { WriteItem, WriteOutcome } from '@flowline/engine';
import {
  failed,
  ifMatchOf,
  type Key,
  lookupKey,
  sameValue,
  uncertain,
  type WriteTarget,
  written,
} from './write-outcomes.js';

/**
 * Whether a lost write can be told by reading its record: creates and deletes by whether it exists; an
 * update only when it was conditional on the ETag it read (the record still on that ETag was not
 * changed, so sending it again cannot apply it twice).
 */
export function checkable(target: WriteTarget, item: WriteItem): boolean {
  return target.action !== 'update' || (ifMatchOf(target, item) === 'tracked' && item.etag !== undefined);
}

/** Whether the record holds every value the update sent. */
function holds(record: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([field, sent]) => sameValue(sent, record[field]));
}

/**
 * An update a lost `$batch` may have applied, against its record as it is now: still on the ETag the
 * update was conditional on, it was not applied ('again'); holding the update's values, it was.
 * Anything else (changed since, to other values) cannot be told apart from "applied, then changed".
 */
function updateOutcome(item: WriteItem, record: TrackedRecord): WriteOutcome | 'again' {
  if (record.etag !== undefined && record.etag === item.etag) return 'again';
  if (holds(record.data, item.data)) return written(item, record);
  return uncertain(
    item,
    "The $batch answer was lost, and the record has changed since it was read to values other than this write's: it may have been written and changed again, or changed by someone else first.",
  );
}

/**
 * Operations a lost `$batch` may or may not have applied, looked up by key in one `$batch` of GETs
 * (idempotent, so the connector retries it): a create found (or a delete gone) is done, an update is
 * judged by its record's ETag and values; the others are answered as the indices to send again.
 */
export async function checkByKey(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
  indices: number[],
  outcomes: (WriteOutcome | undefined)[],
): Promise<number[]> {
  const keyed: { i: number; key: Key }[] = [];
  for (const i of indices) {
    const item = items[i]!;
    const key = lookupKey(target, item);
    if (key) keyed.push({ i, key });
    else
      outcomes[i] = uncertain(
        item,
        `The $batch was lost and this ${target.entitySet} record has no key to check.`,
      );
  }
  if (keyed.length === 0) return [];
  const found = await client.batch(
    keyed.map(({ key }) => ({ op: 'get' as const, entitySet: target.entitySet, key })),
    { independent: true },
  );
  const again: number[] = [];
  found.forEach((result, n) => {
    const { i } = keyed[n]!;
    const item = items[i]!;
    const exists = result.ok ? true : result.status === 404 ? false : undefined;
    if (exists === undefined)
      outcomes[i] = uncertain(
        item,
        `The $batch was lost and checking the record failed: ${result.error?.message}`,
      );
    else if (target.action === 'update') {
      const outcome = !exists
        ? failed(item, new Error('The $batch answer was lost, and the record no longer exists.'))
        : result.record
          ? updateOutcome(item, result.record)
          : uncertain(item, 'The $batch answer was lost, and reading the record back gave no record.');
      if (outcome === 'again') again.push(i);
      else outcomes[i] = outcome;
    } else if (target.action === 'create' ? exists : !exists)
      outcomes[i] = written(item, target.action === 'create' ? result.record : undefined);
    else again.push(i);
  });
  return again.sort((a, b) => a - b);
}
