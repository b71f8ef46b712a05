import type {
  KeptDocument,
  LogEntry,
  ShapeCounters,
  StoragePort,
  WriteRecord,
  WriteState,
} from '@flowline/engine';
import type { Db } from '../db/prisma.js';

interface OutcomeRow {
  shapeId: string;
  documentId: string;
  state: WriteState;
  key: Record<string, unknown> | null;
  etag: string | null;
  dataAreaId: string | null;
  error: string | null;
}

/**
 * Applies the outcome rows of `$2` (execution `$1`): write states updated, the key parts of written
 * records inserted as searchable tracked properties.
 */
const OUTCOMES_CTE = `o AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS o("shapeId" text, "documentId" text, state text,
      key jsonb, etag text, "dataAreaId" text, error text)
  ), updated AS (
    UPDATE "WriteState" w SET state = o.state::"WriteStateKind", key = COALESCE(o.key, w.key),
      etag = o.etag, "dataAreaId" = o."dataAreaId", error = o.error, "updatedAt" = now()
    FROM o WHERE w."executionId" = $1::uuid AND w."shapeId" = o."shapeId" AND w."documentId" = o."documentId"
    RETURNING 1
  ), tracked AS (
    INSERT INTO "TrackedProperty" ("executionId", "shapeId", "documentId", name, value, folded)
    SELECT $1::uuid, o."shapeId", o."documentId", k.key, k.value, lower(k.value)
    FROM o CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(o.key) = 'object' THEN o.key ELSE '{}'::jsonb END) k
    WHERE o.state = 'written' AND k.value IS NOT NULL
    RETURNING 1
  )`;

/**
 * The engine's StoragePort over PostgreSQL. Every call is one statement whose rows travel as one
 * JSON parameter (`jsonb_to_recordset`), so a chunk of 500 writes costs one round trip, not 500; the
 * outcomes of a chunk's writes travel with the checkpoint after it (intents, write, checkpoint: two
 * round trips per chunk).
 */
export class PgStorage implements StoragePort {
  private outcomes: OutcomeRow[] = [];

  constructor(
    private readonly db: Db,
    /** Called after each saved progress with whether a cancel was asked and the execution is still ours. */
    private readonly onBeat: (beat: { cancelRequested: boolean; owned: boolean }) => void = () => {},
    private readonly workerId?: string,
  ) {}

  async loadWriteStates(
    executionId: string,
    shapeId: string,
    documentIds: string[],
  ): Promise<Map<string, WriteRecord>> {
    await this.flushOutcomes(executionId);
    const rows = await this.db.$queryRawUnsafe<
      {
        documentId: string;
        state: WriteState;
        key: unknown;
        etag: string | null;
        dataAreaId: string | null;
        error: string | null;
      }[]
    >(
      `SELECT "documentId", state::text AS state, key, etag, "dataAreaId", error FROM "WriteState"
       WHERE "executionId" = $1::uuid AND "shapeId" = $2
         AND "documentId" IN (SELECT jsonb_array_elements_text($3::jsonb))`,
      executionId,
      shapeId,
      JSON.stringify(documentIds),
    );
    const states = new Map<string, WriteRecord>();
    for (const r of rows) {
      const record: WriteRecord = { documentId: r.documentId, state: r.state };
      if (r.key && typeof r.key === 'object') record.key = r.key as Record<string, unknown>;
      if (r.etag) record.etag = r.etag;
      if (r.dataAreaId) record.dataAreaId = r.dataAreaId;
      if (r.error) record.error = r.error;
      states.set(r.documentId, record);
    }
    return states;
  }

  async recordWriteIntents(executionId: string, shapeId: string, intents: WriteRecord[]): Promise<void> {
    await this.flushOutcomes(executionId);
    if (intents.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "WriteState" ("executionId", "shapeId", "documentId", state, key, "updatedAt")
       SELECT $1::uuid, $2, x."documentId", 'pending', x.key, now()
       FROM jsonb_to_recordset($3::jsonb) AS x("documentId" text, key jsonb)
       ON CONFLICT ("executionId", "shapeId", "documentId") DO UPDATE
         SET state = 'pending', key = COALESCE(EXCLUDED.key, "WriteState".key), "updatedAt" = now()`,
      executionId,
      shapeId,
      JSON.stringify(intents.map((i) => ({ documentId: i.documentId, key: i.key ?? null }))),
    );
  }

  /**
   * Outcomes are recorded with the checkpoint that follows every chunk (`saveProgress`), in the same
   * statement, before the next chunk's writes start (an intent or a state lookup flushes them too).
   * A crash in between leaves them `pending`, as a crash during the write would: a resume checks
   * those by key, so nothing is written twice.
   */
  async recordWriteOutcomes(_executionId: string, shapeId: string, outcomes: WriteRecord[]): Promise<void> {
    for (const o of outcomes) {
      this.outcomes.push({
        shapeId,
        documentId: o.documentId,
        state: o.state,
        key: o.key ?? null,
        etag: o.etag ?? null,
        dataAreaId: o.dataAreaId ?? null,
        error: o.error ?? null,
      });
    }
  }

  /** Outcome rows not yet in the database, as one JSON parameter. */
  private takeOutcomes(): string {
    const rows = JSON.stringify(this.outcomes);
    this.outcomes = [];
    return rows;
  }

  private async flushOutcomes(executionId: string): Promise<void> {
    if (this.outcomes.length === 0) return;
    // Data-modifying CTEs run whether or not the main query reads them.
    await this.db.$queryRawUnsafe(`WITH ${OUTCOMES_CTE} SELECT 1 AS done`, executionId, this.takeOutcomes());
  }

  async keepDocuments(executionId: string, documents: KeptDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "ExecutionDocument" ("executionId", "shapeId", direction, "documentId", document, error)
       SELECT $1::uuid, x."shapeId", x.direction::"DocumentDirection", x."documentId", x.document, x.error
       FROM jsonb_to_recordset($2::jsonb) AS x("shapeId" text, direction text, "documentId" text, document jsonb, error jsonb)`,
      executionId,
      JSON.stringify(
        documents.map((d) => ({
          shapeId: d.shapeId,
          direction: d.direction,
          documentId: d.document.id,
          document: d.document,
          error: d.document.error ?? null,
        })),
      ),
    );
  }

  async appendLogs(executionId: string, entries: LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.$executeRawUnsafe(
      `INSERT INTO "ExecutionLog" ("executionId", at, level, "shapeId", message)
       SELECT $1::uuid, x.at, x.level, x."shapeId", x.message
       FROM jsonb_to_recordset($2::jsonb) AS x(at timestamptz, level text, "shapeId" text, message text)`,
      executionId,
      JSON.stringify(entries),
    );
  }

  /** Counters per shape, the execution's counts and its heartbeat; answers whether a cancel was asked. */
  async saveProgress(executionId: string, shapes: Record<string, ShapeCounters>): Promise<void> {
    const rows = await this.db.$queryRawUnsafe<
      { cancelRequested: boolean; workerId: string | null; status: string }[]
    >(
      `WITH ${OUTCOMES_CTE}, s AS (
         SELECT key AS "shapeId", value FROM jsonb_each($3::jsonb)
       ), runs AS (
         INSERT INTO "ShapeRun" ("executionId", "shapeId", "in", "out", failed, skipped, "timeMs")
         SELECT $1::uuid, s."shapeId", (value->>'in')::int, (value->>'out')::int, (value->>'failed')::int,
                (value->>'skipped')::int, (value->>'timeMs')::float8
         FROM s
         ON CONFLICT ("executionId", "shapeId") DO UPDATE SET "in" = EXCLUDED."in", "out" = EXCLUDED."out",
           failed = EXCLUDED.failed, skipped = EXCLUDED.skipped, "timeMs" = EXCLUDED."timeMs"
       )
       UPDATE "Execution" SET counts = $3::jsonb, "heartbeatAt" = now() WHERE id = $1::uuid
       RETURNING "cancelRequested", "workerId", status::text AS status`,
      executionId,
      this.takeOutcomes(),
      JSON.stringify(shapes),
    );
    const row = rows[0];
    this.onBeat({
      cancelRequested: row?.cancelRequested === true,
      owned:
        row !== undefined && row.status === 'running' && (!this.workerId || row.workerId === this.workerId),
    });
  }
}
