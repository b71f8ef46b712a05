import type {
  KeptDocument,
  LogEntry,
  ShapeCounters,
  StoragePort,
  WriteRecord,
  WriteState,
} from '@flowline/engine';
import type { Db } from '../db/prisma.js';

/**
 * The engine's StoragePort over PostgreSQL. Every call is one statement whose rows travel as one
 * JSON parameter (`jsonb_to_recordset`), so a chunk of 500 writes costs one round trip, not 500.
 */
export class PgStorage implements StoragePort {
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

  /** Outcomes, and the key parts of written records as searchable tracked properties, in one statement. */
  async recordWriteOutcomes(executionId: string, shapeId: string, outcomes: WriteRecord[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.db.$executeRawUnsafe(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb)
           AS x("documentId" text, state text, key jsonb, etag text, "dataAreaId" text, error text)
       ), updated AS (
         UPDATE "WriteState" w SET state = x.state::"WriteStateKind", key = COALESCE(x.key, w.key),
           etag = x.etag, "dataAreaId" = x."dataAreaId", error = x.error, "updatedAt" = now()
         FROM x WHERE w."executionId" = $1::uuid AND w."shapeId" = $2 AND w."documentId" = x."documentId"
         RETURNING w."documentId"
       )
       INSERT INTO "TrackedProperty" ("executionId", "shapeId", "documentId", name, value)
       SELECT $1::uuid, $2, x."documentId", k.key, k.value
       FROM x CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(x.key) = 'object' THEN x.key ELSE '{}'::jsonb END) k
       WHERE x.state = 'written' AND k.value IS NOT NULL`,
      executionId,
      shapeId,
      JSON.stringify(
        outcomes.map((o) => ({
          documentId: o.documentId,
          state: o.state,
          key: o.key ?? null,
          etag: o.etag ?? null,
          dataAreaId: o.dataAreaId ?? null,
          error: o.error ?? null,
        })),
      ),
    );
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
      `WITH s AS (
         SELECT key AS "shapeId", value FROM jsonb_each($2::jsonb)
       ), runs AS (
         INSERT INTO "ShapeRun" ("executionId", "shapeId", "in", "out", failed, skipped, "timeMs")
         SELECT $1::uuid, s."shapeId", (value->>'in')::int, (value->>'out')::int, (value->>'failed')::int,
                (value->>'skipped')::int, (value->>'timeMs')::float8
         FROM s
         ON CONFLICT ("executionId", "shapeId") DO UPDATE SET "in" = EXCLUDED."in", "out" = EXCLUDED."out",
           failed = EXCLUDED.failed, skipped = EXCLUDED.skipped, "timeMs" = EXCLUDED."timeMs"
       )
       UPDATE "Execution" SET counts = $2::jsonb, "heartbeatAt" = now() WHERE id = $1::uuid
       RETURNING "cancelRequested", "workerId", status::text AS status`,
      executionId,
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
