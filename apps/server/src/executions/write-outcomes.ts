/** What a write addresses (key, If-Match) and how its outcome is told, shared by every way of writing. */
import type { OperationAction, OperationBody } from '@flowline/contracts';
import {
  FnoError,
  type IfMatchMode,
  type TrackedRecord,
  UncertainOutcomeError,
} from '@flowline/d365-connector';
import { effectiveIfMatch, type WriteItem, type WriteOutcome } from '@flowline/engine';

export type Key = Record<string, string | number | boolean>;

/** What a write needs to know of its operation. */
export interface WriteTarget {
  op: OperationBody;
  action: OperationAction;
  entitySet: string;
  /** Key property names from `$metadata`, in key order. */
  keyNames: string[];
}

export function pickKey(names: string[], source: Record<string, unknown>): Key | undefined {
  if (
    names.length === 0 ||
    !names.every((n) => source[n] !== undefined && source[n] !== '' && source[n] !== null)
  )
    return undefined;
  return Object.fromEntries(names.map((n) => [n, source[n] as string]));
}

/** Whether a value sent equals the record's (numbers and decimals compared as text). */
export function sameValue(sent: unknown, now: unknown): boolean {
  if (sent === now) return true;
  if (typeof sent === 'object' || typeof now === 'object')
    return JSON.stringify(sent) === JSON.stringify(now);
  return String(sent) === String(now);
}

/** The record a write addresses: its tracked key, else key parts in the parameters, else in the payload. */
export function keyOf(target: WriteTarget, item: WriteItem): Key | undefined {
  return (
    (item.key as Key | undefined) ??
    pickKey(target.keyNames, item.parameters) ??
    pickKey(target.keyNames, item.data)
  );
}

/**
 * The key a write's record is looked up by: a create's from its payload (a tracked key would be the
 * record it was read from), any other write's as `keyOf` finds it.
 */
export function lookupKey(target: WriteTarget, item: WriteItem): Key | undefined {
  return target.action === 'create' ? pickKey(target.keyNames, item.data) : keyOf(target, item);
}

/** An error whose name is the code the document fails with (`no-key`, `exists`…). */
export function refusal(code: string, message: string): Error {
  const error = new Error(message);
  error.name = code;
  return error;
}

/** `keyOf`, for writes that cannot go without one (updates, upserts, deletes). */
export function requiredKey(target: WriteTarget, item: WriteItem): Key {
  const key = keyOf(target, item);
  if (!key) {
    const { action, entitySet, keyNames } = target;
    const an = /^[aeiou]/.test(action) ? 'An' : 'A';
    throw refusal(
      'no-key',
      `${an} ${action} of ${entitySet} needs the record's key (${keyNames.join(', ')}).`,
    );
  }
  return key;
}

export function ifMatchOf(target: WriteTarget, item: WriteItem): IfMatchMode {
  return effectiveIfMatch(item.ifMatch, target.op.ifMatch);
}

export function written(item: WriteItem, record: TrackedRecord | undefined): WriteOutcome {
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
export function failed(item: WriteItem, error: unknown): WriteOutcome {
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
export function rolledBack(cause: Error | undefined): Error {
  const error = new Error(
    `Not written: its $batch change set was rolled back because another operation in it failed (${cause?.message ?? 'no reason given'}).`,
  );
  error.name = 'RolledBackError';
  return error;
}

export const uncertain = (item: WriteItem, why: string): WriteOutcome => ({
  documentId: item.documentId,
  ok: false,
  uncertain: true,
  error: { message: why, code: 'uncertain' },
});
