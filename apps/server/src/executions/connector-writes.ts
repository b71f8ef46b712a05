import type { OperationAction, OperationBody } from '@flowline/contracts';
import {
  type BatchOperation,
  type FnoClient,
  FnoError,
  type IfMatchMode,
  NotFoundError,
  type TrackedRecord,
  UncertainOutcomeError,
} from '@flowline/d365-connector';
import type { WriteItem, WriteOutcome } from '@flowline/engine';

type Key = Record<string, string | number | boolean>;

/** What a write needs to know of its operation. */
export interface WriteTarget {
  op: OperationBody;
  action: OperationAction;
  entitySet: string;
  /** Key property names from `$metadata`, in key order. */
  keyNames: string[];
}

/** Rounds of re-sending creates a dropped `$batch` left undone (checked by key first). */
const BATCH_ROUNDS = 3;

function pickKey(names: string[], source: Record<string, unknown>): Key | undefined {
  if (
    names.length === 0 ||
    !names.every((n) => source[n] !== undefined && source[n] !== '' && source[n] !== null)
  )
    return undefined;
  return Object.fromEntries(names.map((n) => [n, source[n] as string]));
}

/** The record a write addresses: its tracked key, else key parts in the parameters, else in the payload. */
function keyOf(target: WriteTarget, item: WriteItem): Key | undefined {
  return (
    (item.key as Key | undefined) ??
    pickKey(target.keyNames, item.parameters) ??
    pickKey(target.keyNames, item.data)
  );
}

function ifMatchOf(target: WriteTarget, item: WriteItem): IfMatchMode {
  if (item.ifMatch !== 'tracked') return item.ifMatch;
  return target.op.ifMatch === 'any' ? '*' : target.op.ifMatch === 'none' ? 'none' : 'tracked';
}

function written(item: WriteItem, record: TrackedRecord | undefined): WriteOutcome {
  const outcome: WriteOutcome = { documentId: item.documentId, ok: true };
  if (record) {
    outcome.data = record.data;
    if (record.etag) outcome.etag = record.etag;
    if (record.key) outcome.key = record.key;
    if (record.dataAreaId) outcome.dataAreaId = record.dataAreaId;
  }
  return outcome;
}

/** A connector error as a document's outcome; a write that may have happened is `uncertain`, never retried blindly. */
function failed(item: WriteItem, error: unknown): WriteOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const outcome: WriteOutcome = {
    documentId: item.documentId,
    ok: false,
    error: {
      message,
      code: error instanceof Error ? error.name : 'write-failed',
      ...(error instanceof FnoError && error.status ? { status: error.status } : {}),
    },
  };
  if (error instanceof UncertainOutcomeError) outcome.uncertain = true;
  return outcome;
}

/** A valid operation of an atomic change set that another operation failed: not applied, and not its fault. */
function rolledBack(cause: Error | undefined): Error {
  const error = new Error(
    `Not written: its $batch change set was rolled back because another operation in it failed (${cause?.message ?? 'no reason given'}).`,
  );
  error.name = 'RolledBackError';
  return error;
}

const uncertain = (item: WriteItem, why: string): WriteOutcome => ({
  documentId: item.documentId,
  ok: false,
  uncertain: true,
  error: { message: why, code: 'uncertain' },
});

/** The record as it stands now, `undefined` when there is none, `'no-key'` when the payload names no key. */
async function lookUp(
  client: FnoClient,
  target: WriteTarget,
  item: WriteItem,
): Promise<TrackedRecord | undefined | 'no-key'> {
  const key = target.action === 'create' ? pickKey(target.keyNames, item.data) : keyOf(target, item);
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
  const done = await verified(client, target, item);
  if (done) return done;
  const { entitySet, action, op } = target;
  const key = keyOf(target, item);
  const needKey = () => {
    if (!key)
      throw new Error(`A ${action} of ${entitySet} needs the record's key (${target.keyNames.join(', ')}).`);
    return key;
  };
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
  const key = keyOf(target, item);
  if (!key)
    throw new Error(`A ${action} of ${entitySet} needs the record's key (${target.keyNames.join(', ')}).`);
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
      else if (result.error instanceof UncertainOutcomeError && target.action !== 'update') unknown.push(i);
      else outcomes[i] = failed(item, result.error ?? new Error('the $batch operation failed'));
    });
    const again = await checkByKey(client, target, items, unknown, outcomes);
    todo = again.sort((a, b) => a - b);
  }
  for (const i of todo)
    outcomes[i] = uncertain(items[i]!, 'Every attempt to send this write in a $batch was lost.');
  return outcomes.map((o, i) => o ?? uncertain(items[i]!, 'no outcome'));
}

/**
 * Operations a lost `$batch` may or may not have applied, looked up by key in one `$batch` of GETs
 * (idempotent, so the connector retries it): a create found (or a delete gone) is done; the others
 * are answered as the indices to send again.
 */
async function checkByKey(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
  indices: number[],
  outcomes: (WriteOutcome | undefined)[],
): Promise<number[]> {
  const keyed: { i: number; key: Key }[] = [];
  for (const i of indices) {
    const item = items[i]!;
    const key = target.action === 'create' ? pickKey(target.keyNames, item.data) : keyOf(target, item);
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
    else if (target.action === 'create' ? exists : !exists)
      outcomes[i] = written(item, target.action === 'create' ? result.record : undefined);
    else again.push(i);
  });
  return again.sort((a, b) => a - b);
}
