import { randomUUID } from 'node:crypto';
import { ODataError } from '../odata/errors.js';
import type { SandboxState } from '../state.js';
import { type BatchOperation, parseBatch, responsePart } from './batch-format.js';
import { errorResponse, routeOData } from './odata-router.js';
import type { CallerContext, SimpleRequest, SimpleResponse } from './types.js';

/** F&O's limit on operations in one batch (FNO-ODATA.md §4). */
export const MAX_BATCH_OPERATIONS = 5000;

function normaliseUrl(url: string, ids: Map<string, string>): string {
  let u = url;
  const ref = /^\$(\w+)(.*)$/.exec(u);
  if (ref && ids.has(ref[1]!)) u = `${ids.get(ref[1]!)}${ref[2]}`;
  if (/^https?:\/\//i.test(u)) {
    const parsed = new URL(u);
    u = parsed.pathname + parsed.search;
  }
  if (!u.startsWith('/')) u = `/data/${u}`;
  return u;
}

function throttled(state: SandboxState): SimpleResponse {
  state.counters.faults.batchPart429++;
  const err = new ODataError(
    429,
    'Too many requests. Retry after the time given in the Retry-After header.',
    'System.Exception',
    {
      'retry-after': String(state.faults.retryAfter),
    },
  );
  return errorResponse(err);
}

function run(
  state: SandboxState,
  op: BatchOperation,
  ids: Map<string, string>,
  ctx: CallerContext,
): SimpleResponse {
  state.counters.batchOperations++;
  if (state.faults.partThrottled()) return throttled(state);
  const req: SimpleRequest = { ...op.request, url: normaliseUrl(op.request.url, ids) };
  const res = routeOData(state, req, ctx);
  if (op.contentId && res.headers.location) ids.set(op.contentId, res.headers.location);
  return res;
}

/** Executes a multipart $batch: change sets are atomic; the outer status is 200 whatever the parts. */
export function handleBatch(state: SandboxState, req: SimpleRequest, ctx: CallerContext): SimpleResponse {
  try {
    const ops = parseBatch(req.body.toString('utf8'), req.headers['content-type']);
    if (ops.length > MAX_BATCH_OPERATIONS) {
      throw new ODataError(
        400,
        `The batch contains ${ops.length} operations; a batch can contain up to ${MAX_BATCH_OPERATIONS} operations.`,
      );
    }
    state.counters.batches++;
    const boundary = `batchresponse_${randomUUID()}`;
    const ids = new Map<string, string>();
    let out = '';
    for (let i = 0; i < ops.length; ) {
      const op = ops[i]!;
      if (op.changeset === undefined) {
        out += `--${boundary}\r\n${responsePart(run(state, op, ids, ctx), op.contentId)}`;
        i++;
        continue;
      }
      const group: BatchOperation[] = [];
      while (i < ops.length && ops[i]!.changeset === op.changeset) group.push(ops[i++]!);
      const cs = `changesetresponse_${randomUUID()}`;
      const parts: string[] = [];
      state.store.begin();
      const writesBefore = { ...state.counters.writes };
      let failed: string | undefined;
      for (const g of group) {
        const res = run(state, g, ids, ctx);
        if (res.status >= 400) {
          failed = responsePart(res, g.contentId);
          break;
        }
        parts.push(responsePart(res, g.contentId));
      }
      // All or nothing: a failed change set answers only the failing operation, like F&O.
      if (failed) {
        state.store.rollback();
        // Counters report what is stored: rolled-back writes never happened.
        state.counters.writes = writesBefore;
      } else state.store.commit();
      const body = (failed ? [failed] : parts).map((p) => `--${cs}\r\n${p}`).join('');
      out += `--${boundary}\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${body}--${cs}--\r\n`;
    }
    out += `--${boundary}--\r\n`;
    return {
      status: 200,
      headers: { 'content-type': `multipart/mixed; boundary=${boundary}`, 'odata-version': '4.0' },
      body: out,
    };
  } catch (err) {
    return errorResponse(err);
  }
}
