import type { Db } from '../../db/prisma.js';

/** How one document ended at a write shape, as the execution record tells it. */
export interface DocumentOutcome {
  documentId: string;
  state: 'pending' | 'written' | 'failed' | 'uncertain';
  /** The customer account the document wrote (or tried to). */
  account: string | undefined;
  /** The failure code the engine kept with the failed document (e.g. ConcurrencyError). */
  code: string | undefined;
  error: string | undefined;
}

/**
 * Every document's outcome at `shapeId`, from the write states (written, failed, uncertain) and the
 * failed documents kept with their data and error; keyed by document id.
 */
export async function writeOutcomes(
  db: Db,
  executionId: string,
  shapeId = 'write',
): Promise<Map<string, DocumentOutcome>> {
  const states = await db.$queryRawUnsafe<
    { documentId: string; state: DocumentOutcome['state']; account: string | null; error: string | null }[]
  >(
    `SELECT "documentId", state::text AS state, key->>'CustomerAccount' AS account, error
     FROM "WriteState" WHERE "executionId" = $1::uuid AND "shapeId" = $2`,
    executionId,
    shapeId,
  );
  const failed = await db.$queryRawUnsafe<
    { documentId: string; account: string | null; code: string | null }[]
  >(
    `SELECT "documentId", document->'data'->>'CustomerAccount' AS account, error->>'code' AS code
     FROM "ExecutionDocument" WHERE "executionId" = $1::uuid AND "shapeId" = $2 AND direction = 'failed'`,
    executionId,
    shapeId,
  );
  const kept = new Map(failed.map((f) => [f.documentId, f]));
  const out = new Map<string, DocumentOutcome>();
  for (const s of states) {
    const f = kept.get(s.documentId);
    out.set(s.documentId, {
      documentId: s.documentId,
      state: s.state,
      account: s.account ?? f?.account ?? undefined,
      code: f?.code ?? undefined,
      error: s.error ?? undefined,
    });
  }
  return out;
}

/** Counts of outcomes by state. */
export function countStates(outcomes: Iterable<DocumentOutcome>): Record<DocumentOutcome['state'], number> {
  const counts = { pending: 0, written: 0, failed: 0, uncertain: 0 };
  for (const o of outcomes) counts[o.state]++;
  return counts;
}
