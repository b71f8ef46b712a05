import {
  type BatchOperation,
  type FnoClient,
  NotFoundError,
  type TrackedRecord,
  UncertainOutcomeError,
} from '@flowline/d365-connector';
import type { WriteItem, WriteOutcome } from '@flowline/engine';
import { checkable, checkByKey } from './lost-writes.js';
import {
  failed,
  ifMatchOf,
  keyOf,
  lookupKey,
  requiredKey,
  rolledBack,
  uncertain,
  type WriteTarget,
  written,
} from './write-outcomes.js';

export type { WriteTarget } from './write-outcomes.js';

/** Rounds of re-sending writes a dropped `$batch` left undone (checked by key first). */
const BATCH_ROUNDS = 3;

/** The record as it stands now, `undefined` when there is none, `'no-key'` when the payload names no key. */
async function lookUp(
  client: FnoClient,
  target: WriteTarget,
  item: WriteItem,
): Promise<TrackedRecord | undefined | 'no-key'> {
  const key = lookupKey(target, item);
  if (!key) return 'no-key';
  try {
    return await client.get(target.entitySet, key);
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}

/**
 * A write started before but never recorded as finished: a create whose record exists is done, a
 * delete whose record is gone is done; `undefined` means "send it".
 */
async function verified(
  client: FnoClient,
  target: WriteTarget,
  item: WriteItem,
): Promise<WriteOutcome | undefined> {
  if (!item.verify || (target.action !== 'create' && target.action !== 'delete')) return undefined;
  const found = await lookUp(client, target, item);
  if (found === 'no-key')
    return uncertain(
      item,
      `An earlier attempt may have written this ${target.entitySet} record, and its payload has no key to check.`,
    );
  if (target.action === 'create') return found ? written(item, found) : undefined;
  return found ? undefined : written(item, undefined);
}

async function writeOne(client: FnoClient, target: WriteTarget, item: WriteItem): Promise<WriteOutcome> {
  let done: WriteOutcome | undefined;
  try {
    done = await verified(client, target, item);
  } catch (e) {
    // Whether the earlier attempt wrote it is still not known: not a failure (re-run, it would be
    // sent again and might be written twice), but uncertain, checked again by the next resume.
    const why = e instanceof Error ? e.message : String(e);
    return uncertain(item, `An earlier attempt may have written this record, and checking it failed: ${why}`);
  }
  if (done) return done;
  const { entitySet, action, op } = target;
  const key = keyOf(target, item);
  const needKey = () => requiredKey(target, item);
  const options = { ifMatch: ifMatchOf(target, item), ...(item.etag ? { etag: item.etag } : {}) };
  switch (action) {
    case 'create':
      return written(item, await client.create(entitySet, item.data));
    case 'update':
      return written(item, await client.update(entitySet, needKey(), item.data, options));
    case 'upsert':
      return written(item, await client.upsert(entitySet, needKey(), item.data));
    case 'delete':
      await client.delete(entitySet, needKey(), options);
      return written(item, undefined);
    case 'execute': {
      if (!op.actionName) throw new Error('The operation names no action to execute.');
      const result = await client.executeAction(op.actionName, {
        ...(op.entitySet ? { entitySet: op.entitySet } : {}),
        ...(key && op.entitySet ? { key } : {}),
        parameters: { ...item.data, ...item.parameters },
      });
      return written(
        item,
        result && typeof result === 'object' ? { data: result as Record<string, unknown> } : undefined,
      );
    }
    default:
      throw new Error(`"${action}" is a read, not a write.`);
  }
}

/** One request per document; the connector's limiter keeps them within the connection's concurrency. */
export function writeOneByOne(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
): Promise<WriteOutcome[]> {
  return Promise.all(
    items.map((item) => writeOne(client, target, item).catch((e: unknown) => failed(item, e))),
  );
}

function toBatchOperation(target: WriteTarget, item: WriteItem): BatchOperation {
  const { entitySet, action } = target;
  if (action === 'create') return { op: 'create', entitySet, data: item.data };
  const key = requiredKey(target, item);
  const condition = { ifMatch: ifMatchOf(target, item), ...(item.etag ? { etag: item.etag } : {}) };
  return action === 'update'
    ? { op: 'update', entitySet, key, data: item.data, ...condition }
    : { op: 'delete', entitySet, key, ...condition };
}

/**
 * `$batch` with change sets of `batch.size` (or independent operations). Operations a dropped
 * request left unknown are looked up by key: found = written, absent = sent again (a few rounds).
 */
export async function writeBatch(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
): Promise<WriteOutcome[]> {
  const outcomes: (WriteOutcome | undefined)[] = new Array(items.length);
  const batch = target.op.batch;
  const options =
    batch?.mode === 'independent' ? { independent: true } : { changesetSize: batch?.size ?? 100 };
  let todo: number[] = [];
  await Promise.all(
    items.map(async (item, i) => {
      try {
        const done = await verified(client, target, item);
        if (done) outcomes[i] = done;
        else {
          toBatchOperation(target, item);
          todo.push(i);
        }
      } catch (e) {
        outcomes[i] = failed(item, e);
      }
    }),
  );
  todo.sort((a, b) => a - b);
  for (let round = 1; todo.length > 0 && round <= BATCH_ROUNDS; round++) {
    const results = await client.batch(
      todo.map((i) => toBatchOperation(target, items[i]!)),
      options,
    );
    const unknown: number[] = [];
    results.forEach((result, position) => {
      const i = todo[position]!;
      const item = items[i]!;
      if (result.ok) outcomes[i] = written(item, result.record);
      else if (result.rolledBack) outcomes[i] = failed(item, rolledBack(result.error));
      else if (result.error instanceof UncertainOutcomeError && checkable(target, item)) unknown.push(i);
      else outcomes[i] = failed(item, result.error ?? new Error('the $batch operation failed'));
    });
    const again = await checkByKey(client, target, items, unknown, outcomes);
    todo = again.sort((a, b) => a - b);
  }
  for (const i of todo)
    outcomes[i] = uncertain(items[i]!, 'Every attempt to send this write in a $batch was lost.');
  return outcomes.map((o, i) => o ?? uncertain(items[i]!, 'no outcome'));
}
