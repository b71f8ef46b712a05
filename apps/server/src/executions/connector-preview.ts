import { type FnoClient, formatKey, type Profile, type TrackedRecord } from '@flowline/d365-connector';
import type { WriteItem, WriteOutcome } from '@flowline/engine';
import {
  failed,
  ifMatchOf,
  keyOf,
  lookupKey,
  refusal,
  requiredKey,
  sameValue,
  type WriteTarget,
} from './write-outcomes.js';

/** The record a write addresses as it is now: `null` when there is none, `undefined` when not read. */
type Current = TrackedRecord | null | Error | undefined;

/**
 * What each write would do, without writing anything (a preview run): the request it would send,
 * its body, and for an update the fields it would change; or the refusal it would meet: no key, a
 * create whose record exists, an update or delete whose record does not, an update whose record
 * changed since it was read. The records are read in one `$batch` of GETs (a preview's reads are
 * real); nothing is recorded, so a later run has no write state to skip.
 */
export async function previewWrites(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
): Promise<WriteOutcome[]> {
  // Typed key literals (strings quoted, enums qualified) as the write would format them.
  const profile = await client.profile(target.entitySet).catch(() => undefined);
  const current = await currentRecords(client, target, items);
  return items.map((item, i) => {
    try {
      return previewOne(target, item, profile, current[i]);
    } catch (e) {
      return failed(item, e);
    }
  });
}

async function currentRecords(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
): Promise<Current[]> {
  const current: Current[] = new Array(items.length).fill(undefined);
  if (target.action === 'execute') return current;
  const keyed = items.flatMap((item, i) => {
    const key = lookupKey(target, item);
    return key ? [{ i, key }] : [];
  });
  if (keyed.length === 0) return current;
  try {
    const found = await client.batch(
      keyed.map(({ key }) => ({ op: 'get' as const, entitySet: target.entitySet, key })),
      { independent: true },
    );
    found.forEach((result, n) => {
      current[keyed[n]!.i] = result.ok
        ? (result.record ?? null)
        : result.status === 404
          ? null
          : (result.error ?? new Error(`status ${result.status}`));
    });
  } catch (e) {
    for (const { i } of keyed) current[i] = e instanceof Error ? e : new Error(String(e));
  }
  return current;
}

function previewOne(
  target: WriteTarget,
  item: WriteItem,
  profile: Profile | undefined,
  now: Current,
): WriteOutcome {
  const { entitySet, action, op } = target;
  const entity = () => `${entitySet}${formatKey(requiredKey(target, item), profile)}`;
  if (now instanceof Error)
    throw new Error(`Reading the record to preview this ${action} failed: ${now.message}`);
  const mode = ifMatchOf(target, item);
  // As the connector sends it: a tracked condition without a tracked ETag sends no If-Match.
  const sent = mode === '*' ? '*' : mode === 'tracked' ? item.etag : undefined;
  const condition = sent ? ` · If-Match: ${sent}` : '';
  const batched =
    op.batch?.enabled && (action === 'create' || action === 'update' || action === 'delete')
      ? ' · in a $batch'
      : '';
  const answer = (request: string, data?: Record<string, unknown>, changes?: string): WriteOutcome => ({
    documentId: item.documentId,
    ok: true,
    request,
    ...(data ? { data } : {}),
    ...(changes ? { changes } : {}),
  });
  switch (action) {
    case 'create':
      if (now) throw refusal('exists', `${entity()} exists already: the create would be refused.`);
      return answer(`POST ${entitySet}${batched}`, item.data);
    case 'update': {
      const at = entity();
      if (now === null) throw refusal('not-found', `${at} does not exist: the update would find no record.`);
      if (now && mode === 'tracked' && item.etag && now.etag && now.etag !== item.etag)
        throw refusal(
          'changed',
          `${at} changed since it was read (its ETag is ${now.etag}, not ${item.etag}): the update would be refused.`,
        );
      return answer(`PATCH ${at}${condition}${batched}`, item.data, now && changesOf(now.data, item.data));
    }
    case 'upsert':
      return now
        ? answer(
            `PATCH ${entity()} · If-Match: ${now.etag ?? '*'}`,
            item.data,
            changesOf(now.data, item.data),
          )
        : answer(`POST ${entitySet} (${entity()} does not exist yet)`, item.data);
    case 'delete':
      if (now === null)
        throw refusal('not-found', `${entity()} does not exist: the delete would find no record.`);
      return answer(`DELETE ${entity()}${condition}${batched}`);
    case 'execute': {
      if (!op.actionName) throw new Error('The operation names no action to execute.');
      const bound = op.entitySet ? `${keyOf(target, item) ? entity() : op.entitySet}/` : '';
      return answer(`POST ${bound}${op.actionName}`, { ...item.data, ...item.parameters });
    }
    default:
      throw new Error(`"${action}" is a read, not a write.`);
  }
}

/** The fields an update would change, `Field: now → sent`, or `nothing` (an update that changes no value). */
function changesOf(record: Record<string, unknown>, data: Record<string, unknown>): string {
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  const changed = Object.entries(data)
    .filter(([field, sent]) => !sameValue(sent, record[field]))
    .map(([field, sent]) => `${field}: ${show(record[field])} → ${show(sent)}`);
  return changed.length > 0 ? changed.join('; ') : 'nothing';
}
