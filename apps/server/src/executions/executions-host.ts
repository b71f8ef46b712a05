import type { ComponentsService } from '../components/components.service.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import { ExecutionEventBus } from './event-bus.js';
import { ExecutionQueue } from './execution-queue.js';
import { ExecutionRunner, type RunnerOptions } from './execution-runner.js';
import { ExecutionsService } from './executions.service.js';
import { applyHeapPolicy } from './heap-policy.js';
import { deleteEndedBefore, keepDaysFrom } from './retention.js';

export interface StartExecutionsOptions {
  /** The database pg-boss keeps its queue in (Flowline's own). */
  databaseUrl: string;
  /** Run a worker in this process (the server's default; FLOWLINE_WORKER=off turns it off). */
  worker: boolean;
  runner?: RunnerOptions;
}

/**
 * Everything executions need in one process: the service behind the routes, the event bus for
 * server-sent events, and (once started) the queue and an optional worker. Free of Fastify, so the
 * standalone worker uses it too.
 */
export class ExecutionsHost {
  readonly events = new ExecutionEventBus();
  readonly service: ExecutionsService;
  private queue: ExecutionQueue | undefined;
  runner: ExecutionRunner | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly db: Db,
    private readonly components: ComponentsService,
    private readonly connections: ConnectionsService,
    private readonly log?: { info(msg: string): void; error(msg: string): void },
  ) {
    this.service = new ExecutionsService(
      db,
      components,
      async (job) => {
        if (!this.queue)
          throw new HttpProblem(
            503,
            'Service Unavailable',
            'The execution queue is not started on this server.',
          );
        await this.queue.send(job);
      },
      (id) => this.runner?.abort(id, 'cancel') ?? false,
    );
  }

  /** Starts the queue (pg-boss creates its schema on first start) and, if asked, a worker. */
  async start(options: StartExecutionsOptions): Promise<void> {
    const keepDays = keepDaysFrom(process.env.FLOWLINE_KEEP_EXECUTIONS_DAYS);
    this.queue = new ExecutionQueue(options.databaseUrl, (e) => this.log?.error(`pg-boss: ${e.message}`));
    await this.queue.boss();
    if (options.worker) {
      // The process now runs executions: its heap follows what is live (see heap-policy.ts).
      applyHeapPolicy();
      this.runner = new ExecutionRunner(this.db, this.components, this.connections, this.events, this.queue, {
        ...(this.log ? { log: this.log } : {}),
        autoResume: process.env.FLOWLINE_AUTO_RESUME !== 'off',
        resume: (id) =>
          this.service.resume(id, undefined, true).then(
            () => true,
            // Another worker resumed it first (or it was cancelled meanwhile).
            (e: unknown) => {
              if (e instanceof HttpProblem && e.status === 409) return false;
              throw e;
            },
          ),
        ...options.runner,
      });
      await this.runner.start();
      this.keepFor(keepDays);
    }
  }

  /** Deletes ended executions older than `days`, at start and every hour, in the process that runs them. */
  private keepFor(days: number | undefined): void {
    if (days === undefined) return;
    const purge = () =>
      deleteEndedBefore(this.db, new Date(Date.now() - days * 86_400_000)).then(
        (n) => n > 0 && this.log?.info(`deleted ${n} execution(s) ended more than ${days} day(s) ago`),
        (e: Error) => this.log?.error(`deleting old executions: ${e.message}`),
      );
    void purge();
    this.purgeTimer = setInterval(purge, 3_600_000);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.runner?.stop();
    await this.queue?.stop();
    this.runner = undefined;
    this.queue = undefined;
  }
}
