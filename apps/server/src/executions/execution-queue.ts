import PgBoss from 'pg-boss';

export const EXECUTIONS_QUEUE = 'flowline-executions';

/** What a job carries; everything else is read from the execution's row. */
export interface ExecutionJob {
  executionId: string;
  resume?: boolean;
}

/** pg-boss in Flowline's own database (schema `pgboss`), started on first use. */
export class ExecutionQueue {
  private started: Promise<PgBoss> | undefined;
  /** pg-boss ids of this process's workers: a job sent here wakes them instead of waiting for their next poll. */
  private readonly workers: string[] = [];

  constructor(
    private readonly url: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  boss(): Promise<PgBoss> {
    this.started ??= (async () => {
      const boss = new PgBoss({ connectionString: this.url, max: 4, application_name: 'flowline-queue' });
      boss.on('error', this.onError);
      await boss.start();
      if (!(await boss.getQueue(EXECUTIONS_QUEUE))) {
        // Our heartbeats decide what happened to a job whose worker died, so pg-boss never retries.
        await boss
          .createQueue(EXECUTIONS_QUEUE, {
            name: EXECUTIONS_QUEUE,
            retryLimit: 0,
            expireInSeconds: 23 * 3600,
          })
          .catch(async (e: unknown) => {
            if (!(await boss.getQueue(EXECUTIONS_QUEUE))) throw e;
          });
      }
      return boss;
    })();
    return this.started;
  }

  async send(job: ExecutionJob): Promise<void> {
    const boss = await this.boss();
    await boss.send(EXECUTIONS_QUEUE, job, { retryLimit: 0 });
    for (const id of this.workers) boss.notifyWorker(id);
  }

  /** Runs `handler` for jobs, `concurrency` at a time in this process. */
  async work(concurrency: number, handler: (job: ExecutionJob) => Promise<void>): Promise<void> {
    const boss = await this.boss();
    for (let i = 0; i < concurrency; i++) {
      const id = await boss.work<ExecutionJob>(
        EXECUTIONS_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) await handler(job.data);
        },
      );
      this.workers.push(id);
    }
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    const boss = await this.started.catch(() => undefined);
    this.started = undefined;
    this.workers.length = 0;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
