import { type FnoError, UncertainOutcomeError } from '../http/errors.js';
import { errorForStatus } from '../http/odata-error-body.js';
import { nextThrottledDelay, parseRetryAfter, sleep } from '../http/retry-policy.js';
import type { EntityKey } from '../query/format-key.js';
import { QueryBuildError } from '../query/query-error.js';
import { encodePathSegment } from '../query/url-encoding.js';
import {
  type BatchPartRequest,
  type BatchPartResponse,
  buildBatchBody,
  parseBatchResponse,
} from './batch-format.js';
import type { ClientCore } from './core.js';
import { isTracked, type TrackedRecord, track } from './tracked.js';
import { entityUrl, type IfMatchMode } from './writes.js';

/** One operation of a `$batch`. */
export type BatchOperation =
  | { op: 'create'; entitySet: string; data: Record<string, unknown> }
  | {
      op: 'update';
      entitySet: string;
      key: EntityKey | TrackedRecord;
      data: Record<string, unknown>;
      ifMatch?: IfMatchMode;
      etag?: string;
    }
  | { op: 'delete'; entitySet: string; key: EntityKey | TrackedRecord; ifMatch?: IfMatchMode; etag?: string }
  | { op: 'get'; entitySet: string; key: EntityKey };

export interface BatchOptions {
  /** Operations per atomic change set (all or nothing). Default: every operation of a request in one. */
  changesetSize?: number;
  /** No change sets: every operation stands alone and the others continue when one fails. */
  independent?: boolean;
  /** Operations per `$batch` request, at most 5,000 (F&O's limit). Default 5,000. */
  maxOperationsPerRequest?: number;
}

/** The outcome of one operation, at its input index. */
export interface BatchResult {
  index: number;
  ok: boolean;
  status: number;
  record?: TrackedRecord;
  error?: FnoError;
  /** The operation was valid but its change set failed as a whole, so it was not applied. */
  rolledBack?: boolean;
}

const MAX_OPERATIONS = 5000;

function toPart(core: ClientCore, op: BatchOperation, contentId: string): BatchPartRequest {
  const part = absolutePart(core, op, contentId);
  // Relative to the service root is what OData 4.0 and every server accept (SAP CAP refuses absolute URLs).
  if (core.config.batchUrls !== 'absolute' && part.url.startsWith(`${core.root}/`)) {
    part.url = part.url.slice(core.root.length + 1);
  }
  return part;
}

function absolutePart(core: ClientCore, op: BatchOperation, contentId: string): BatchPartRequest {
  const headers: Record<string, string> = {};
  if (op.op === 'create') {
    return {
      contentId,
      method: 'POST',
      url: `${core.root}/${encodePathSegment(op.entitySet)}`,
      body: op.data,
    };
  }
  const tracked = isTracked(op.key) ? op.key : undefined;
  const key = tracked ? tracked.key : (op.key as EntityKey);
  if (key === undefined) throw new QueryBuildError(`A ${op.op} of ${op.entitySet} needs a key`);
  const url = entityUrl(core, op.entitySet, key);
  if (op.op === 'get') return { contentId, method: 'GET', url };
  const mode = op.ifMatch ?? 'tracked';
  const etag = mode === '*' ? '*' : mode === 'none' ? undefined : (op.etag ?? tracked?.etag);
  if (etag) headers['If-Match'] = etag;
  if (op.op === 'update') return { contentId, method: 'PATCH', url, headers, body: op.data };
  return { contentId, method: 'DELETE', url, headers };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs operations through multipart `$batch` requests (≤ 5,000 each), maps every response back to its
 * input by Content-ID, and retries only the parts (or change sets) answered with 429.
 */
export async function runBatch(
  core: ClientCore,
  operations: BatchOperation[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const perRequest = Math.min(options.maxOperationsPerRequest ?? MAX_OPERATIONS, MAX_OPERATIONS);
  const independent = options.independent === true;
  const results: BatchResult[] = new Array(operations.length);
  let pending = operations.map((_, i) => i);
  const startedAt = Date.now();
  for (let round = 1; pending.length > 0; round++) {
    const throttled: { indices: number[]; wait: number | undefined }[] = [];
    for (const indices of chunk(pending, perRequest)) {
      const groups = independent ? [indices] : chunk(indices, options.changesetSize ?? indices.length);
      await runRequest(core, operations, groups, independent, results, throttled);
    }
    // Results of throttled operations stay as ThrottledError unless a retry succeeds.
    pending = [...new Set(throttled.flatMap((t) => t.indices))];
    if (pending.length === 0) break;
    const wait = Math.max(0, ...throttled.map((t) => t.wait ?? core.transport.retry.baseDelayMs));
    const delay = nextThrottledDelay(core.transport.retry, round, startedAt, wait);
    if (delay === undefined) break;
    core.transport.limiter.throttled();
    await sleep(delay);
  }
  return results;
}

async function runRequest(
  core: ClientCore,
  operations: BatchOperation[],
  groups: number[][],
  independent: boolean,
  results: BatchResult[],
  throttled: { indices: number[]; wait: number | undefined }[],
): Promise<void> {
  const all = groups.flat();
  const contentIds = new Map(all.map((index, n) => [String(n + 1), index]));
  const position = new Map(all.map((index, n) => [index, n]));
  const parts = groups.map((g) =>
    g.map((index) => toPart(core, operations[index]!, String(position.get(index)! + 1))),
  );
  const { body, contentType } = buildBatchBody(parts, independent);
  const url = `${core.root}/$batch`;
  let responses: BatchPartResponse[];
  try {
    const res = await core.transport.send({
      method: 'POST',
      url,
      headers: {
        'content-type': contentType,
        accept: 'multipart/mixed',
        // Change sets are independent of each other too: a failed one must not stop the rest.
        prefer: 'odata.continue-on-error',
      },
      body,
      idempotent: all.every((i) => operations[i]!.op === 'get'),
    });
    responses = parseBatchResponse(res.body, String(res.headers['content-type'] ?? ''));
  } catch (error) {
    const failure = error as FnoError;
    for (const index of all)
      results[index] = { index, ok: false, status: failure.status ?? 0, error: failure };
    return;
  }
  const seen = new Set<number>();
  responses.forEach((part, position) => {
    const index = part.contentId !== undefined ? contentIds.get(part.contentId) : all[position];
    if (index === undefined) return;
    seen.add(index);
    const op = operations[index]!;
    const ctx = { method: toMethod(op), url, status: part.status };
    if (part.status >= 200 && part.status < 300) {
      const data = part.body
        ? (JSON.parse(part.body) as Record<string, unknown>)
        : op.op === 'create'
          ? op.data
          : {};
      const record = track(data, core.profileOf(op.entitySet)?.key, part.headers.etag);
      results[index] = { index, ok: true, status: part.status, record };
      return;
    }
    const retryAfter = parseRetryAfter(part.headers['retry-after']);
    const error = errorForStatus(
      ctx,
      part.body,
      retryAfter === undefined ? {} : { retryAfterMs: retryAfter },
    );
    results[index] = { index, ok: false, status: part.status, error };
    if (part.status === 429) {
      const group = independent ? [index] : (groups.find((g) => g.includes(index)) ?? [index]);
      throttled.push({ indices: group, wait: retryAfter });
    }
  });
  // A failed change set answers with the failing operation only: the others were rolled back.
  for (const group of independent ? [] : groups) {
    const failed = group.map((i) => results[i]).find((r) => r && !r.ok && seen.has(r.index));
    for (const index of group) {
      if (seen.has(index)) continue;
      const error =
        failed?.error ??
        new UncertainOutcomeError('No response for this operation in the $batch response', {
          method: toMethod(operations[index]!),
          url,
        });
      results[index] = {
        index,
        ok: false,
        status: failed?.status ?? 0,
        error,
        rolledBack: failed !== undefined,
      };
    }
  }
  for (const index of all) {
    if (results[index] === undefined) {
      const error = new UncertainOutcomeError('No response for this operation in the $batch response', {
        method: toMethod(operations[index]!),
        url,
      });
      results[index] = { index, ok: false, status: 0, error };
    }
  }
}

function toMethod(op: BatchOperation): string {
  return op.op === 'create' ? 'POST' : op.op === 'update' ? 'PATCH' : op.op === 'delete' ? 'DELETE' : 'GET';
}
