import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ProcessDefinition } from '@flowline/contracts';
import { type InputDocument, ProcessInvalidError, type RunOptions, runProcess } from '@flowline/engine';
import type { ComponentsService } from '../components/components.service.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { Db } from '../db/prisma.js';
import { ComponentResolver, OperationBodies } from './component-resolver.js';
import { ConnectorOperations } from './connector-operations.js';
import type { ExecutionEventBus } from './event-bus.js';
import type { ExecutionJob, ExecutionQueue } from './execution-queue.js';
import { failedDocuments } from './failed-documents.js';
import { PgStorage } from './pg-storage.js';

export interface RunnerOptions {
  /** Names this worker in the execution's row (default `<host>:<pid>:<random>`). */
  workerId?: string;
  /** Executions run at once by this worker (default 2). */
  concurrency?: number;
  /** How often running executions beat and stale ones are looked for (default 5 s). */
  heartbeatMs?: number;
  /** A running execution whose last beat is older than this is marked interrupted (default 60 s). */
  staleAfterMs?: number;
  /** Documents per chunk (the engine's default 500). */
  chunkSize?: number;
  /**
   * Resumes interrupted executions by itself (at start and on every sweep), as `POST …/resume` would;
   * default on (`FLOWLINE_AUTO_RESUME=off` turns it off). Needs `resume`.
   */
  autoResume?: boolean;
  /** Queues an interrupted execution again (the service's resume); false when another worker did first. */
  resume?: (executionId: string) => Promise<boolean>;
  log?: { info(msg: string): void; error(msg: string): void };
}

type StopReason = 'cancel' | 'shutdown' | 'lost';

/**
 * Automatic resumes stop after this many attempts: an execution that kills its worker every time
 * stays interrupted (its error says why) instead of taking every worker down in turn.
 */
export const MAX_AUTO_ATTEMPTS = 5;

/** A worker: takes execution jobs from the queue, runs them with the engine, beats while it runs. */
export class ExecutionRunner {
  readonly workerId: string;
  private readonly running = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly options: Required<
    Omit<RunnerOptions, 'log' | 'workerId' | 'chunkSize' | 'autoResume' | 'resume'>
  > &
    RunnerOptions;

  constructor(
    private readonly db: Db,
    private readonly components: ComponentsService,
    private readonly connections: ConnectionsService,
    private readonly events: ExecutionEventBus,
    private readonly queue: ExecutionQueue,
    options: RunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.options = { concurrency: 2, heartbeatMs: 5000, staleAfterMs: 60_000, ...options };
  }

  async start(): Promise<void> {
    await this.queue.work(this.options.concurrency, (job) => this.run(job));
    // At start too: what a crash left interrupted (or stale) resumes without waiting a whole beat.
    await this.tick().catch((e: Error) => this.options.log?.error(e.message));
    this.timer = setInterval(
      () => void this.tick().catch((e: Error) => this.options.log?.error(e.message)),
      this.options.heartbeatMs,
    );
    this.timer.unref();
  }

  /** Asks a running execution of this worker to stop between chunks; false when it runs elsewhere. */
  abort(executionId: string, reason: StopReason): boolean {
    const controller = this.running.get(executionId);
    controller?.abort(reason);
    return controller !== undefined;
  }

  /** Beats for every execution running here (noticing cancels asked elsewhere), then marks stale ones interrupted. */
  async tick(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length > 0) {
      const rows = await this.db.$queryRawUnsafe<{ id: string; cancelRequested: boolean }[]>(
        `UPDATE "Execution" SET "heartbeatAt" = now()
         WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) AND "workerId" = $2 AND status = 'running'
         RETURNING id::text AS id, "cancelRequested"`,
        JSON.stringify(ids),
        this.workerId,
      );
      const owned = new Map(rows.map((r) => [r.id, r.cancelRequested]));
      for (const id of ids) {
        if (!owned.has(id)) this.abort(id, 'lost');
        else if (owned.get(id)) this.abort(id, 'cancel');
      }
    }
    await this.sweep();
    if (this.options.autoResume && this.options.resume && !this.stopping) await this.resumeInterrupted();
  }

  /**
   * Queues every interrupted execution again (those this sweep marked, and those a stopped worker
   * left), with a manual resume's guarantees. Several workers may race: the resume's
   * `status = 'interrupted'` condition lets one win.
   */
  async resumeInterrupted(): Promise<string[]> {
    const rows = await this.db.execution.findMany({
      where: { status: 'interrupted', attempts: { lt: MAX_AUTO_ATTEMPTS } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    const resumed: string[] = [];
    for (const { id } of rows) {
      if (this.stopping) break;
      if (await this.options.resume!(id)) {
        resumed.push(id);
        this.options.log?.info(`Execution ${id} resumed automatically.`);
      }
    }
    return resumed;
  }

  /** Executions whose worker stopped beating: interrupted, so a person (or a script) can resume them. */
  async sweep(): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Execution" SET status = 'interrupted', "finishedAt" = now(),
         error = 'The worker ' || COALESCE("workerId", '?') || ' stopped beating (last heartbeat ' || "heartbeatAt"::text || ')' ||
           CASE WHEN NOT $2::boolean THEN '; resume the execution to finish it.'
                WHEN attempts < $3::int THEN '; resumed automatically.'
                ELSE '; not resumed automatically after ' || attempts || ' attempts: resume it once the cause is known.' END
       WHERE status = 'running' AND "heartbeatAt" < now() - make_interval(secs => $1::float8 / 1000)
       RETURNING id::text AS id`,
      this.options.staleAfterMs,
      this.options.autoResume === true && this.options.resume !== undefined,
      MAX_AUTO_ATTEMPTS,
    );
    for (const r of rows)
      this.options.log?.info(`Execution ${r.id} marked interrupted: its worker stopped beating.`);
    return rows.map((r) => r.id);
  }

  /** Runs one job: claims the execution (queued → running), runs it, records how it ended. */
  async run(job: ExecutionJob): Promise<void> {
    if (this.stopping) return;
    const claimed = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Execution" SET status = 'running', "workerId" = $2, "heartbeatAt" = now(),
         "startedAt" = COALESCE("startedAt", now()), "finishedAt" = NULL, error = NULL
       WHERE id = $1::uuid AND status = 'queued' AND NOT "cancelRequested" RETURNING id::text AS id`,
      job.executionId,
      this.workerId,
    );
    if (claimed.length === 0) return;
    const row = (await this.db.execution.findUnique({ where: { id: job.executionId } }))!;
    const controller = new AbortController();
    this.running.set(row.id, controller);
    let status: string;
    let error: string | null = null;
    let counts: unknown;
    try {
      const component = await this.components.get(row.processId, row.processVersion);
      const bodies = new OperationBodies(this.components);
      const storage = new PgStorage(
        this.db,
        (beat) => {
          if (!beat.owned) controller.abort('lost');
          else if (beat.cancelRequested) controller.abort('cancel');
        },
        this.workerId,
      );
      const options: RunOptions = {
        executionId: row.id,
        mode: row.mode,
        signal: controller.signal,
        resume: job.resume === true,
      };
      if (this.options.chunkSize) options.chunkSize = this.options.chunkSize;
      if (Array.isArray(row.input)) options.documents = row.input as unknown as InputDocument[];
      const startAt = row.startAt as { shapeId: string; sourceExecutionId: string } | null;
      if (startAt)
        options.startAt = {
          shapeId: startAt.shapeId,
          documents: failedDocuments(this.db, startAt.sourceExecutionId, startAt.shapeId),
        };
      const result = await runProcess(
        component.body as ProcessDefinition,
        {
          operations: new ConnectorOperations(this.connections, bodies),
          resolver: new ComponentResolver(this.components, bodies),
          storage,
          events: this.events,
        },
        options,
      );
      status = result.status;
      error = result.error ?? null;
      counts = result.shapes;
      const reason = controller.signal.reason as StopReason | undefined;
      if (result.status === 'cancelled' && reason === 'shutdown') {
        status = 'interrupted';
        error = 'The worker was stopped; resume the execution to finish it.';
      }
      if (reason === 'lost') return;
    } catch (e) {
      status = 'failed';
      error =
        e instanceof ProcessInvalidError
          ? `The process cannot run: ${e.problems.map((p) => `${p.shapeId ? `${p.shapeId}: ` : ''}${p.message}`).join('; ')}`
          : e instanceof Error
            ? e.message
            : String(e);
    } finally {
      this.running.delete(row.id);
    }
    await this.db.execution.updateMany({
      where: { id: row.id, workerId: this.workerId, status: 'running' },
      data: {
        status: status as 'succeeded',
        error,
        finishedAt: new Date(),
        ...(counts ? { counts: counts as object } : {}),
      },
    });
  }

  /** Stops taking jobs; executions running here end between chunks as `interrupted` (resumable). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    for (const controller of this.running.values()) controller.abort('shutdown');
    await this.queue.stop();
  }
}
