import type {
  ExecutionDetail,
  ExecutionDocumentList,
  ExecutionDocumentsQuery,
  ExecutionList,
  ExecutionSummary,
  LatestExecutions,
  ListExecutionsQuery,
  ProcessDefinition,
  StartExecution,
  TrackedSearchResult,
} from '@flowline/contracts';
import { checkProcess } from '@flowline/engine';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/access.js';
import type { ComponentsService } from '../components/components.service.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem, notFound } from '../errors/problem.js';
import type { Prisma } from '../generated/prisma/client.js';
import { ComponentResolver, OperationBodies } from './component-resolver.js';
import type { ExecutionJob } from './execution-queue.js';

type ExecutionRow = Prisma.ExecutionGetPayload<object>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public summary of an execution row. */
export const summaryOf = (e: ExecutionRow): ExecutionSummary => ({
  id: e.id,
  processId: e.processId,
  processVersion: e.processVersion,
  processName: e.processName,
  status: e.status,
  mode: e.mode,
  startedBy: e.startedBy,
  createdAt: e.createdAt.toISOString(),
  startedAt: iso(e.startedAt),
  finishedAt: iso(e.finishedAt),
  error: e.error,
});

const conflict = (message: string) => new HttpProblem(409, 'Conflict', message);

/** Executions: queueing them after the engine's check, their records, cancel, resume and re-runs. */
export class ExecutionsService {
  constructor(
    private readonly db: Db,
    private readonly components: ComponentsService,
    /** Sends a job to the queue; throws 503 when no queue is started. */
    private readonly send: (job: ExecutionJob) => Promise<void>,
    /** Aborts an execution running in this process; false when it runs elsewhere. */
    private readonly abortLocal: (executionId: string) => boolean,
  ) {}

  /** Checks the process (422 with the problems by shape) and queues it. */
  async start(processId: string, input: StartExecution, user?: SessionUser) {
    const component = await this.components.get(processId);
    if (component.type !== 'process')
      throw new HttpProblem(
        400,
        'Bad Request',
        `Component ${processId} is a ${component.type}, not a process.`,
      );
    const problems = await checkProcess(
      component.body as ProcessDefinition,
      new ComponentResolver(this.components, new OperationBodies(this.components)),
    );
    if (problems.length > 0) {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        `The process "${component.name}" cannot run: ${problems.length} problem(s), e.g. ${problems[0]!.shapeId ? `shape ${problems[0]!.shapeId}: ` : ''}${problems[0]!.message}`,
        { problems },
      );
    }
    checkDocuments(component.name, component.body as ProcessDefinition, input);
    const execution = await this.db.$transaction(async (tx) => {
      const created = await tx.execution.create({
        data: {
          processId,
          processVersion: component.version,
          processName: component.name,
          mode: input.mode,
          startedById: user?.id ?? null,
          startedBy: user?.email ?? null,
          ...(input.documents ? { input: input.documents as Prisma.InputJsonValue } : {}),
        },
      });
      await audit(tx, user, 'ran', processId, { executionId: created.id, mode: input.mode });
      return created;
    });
    await this.enqueue(execution.id, { executionId: execution.id });
    return { id: execution.id, status: 'queued' as const };
  }

  /** Sends the job; an execution that cannot be queued is failed at once rather than left queued. */
  private async enqueue(id: string, job: ExecutionJob): Promise<void> {
    try {
      await this.send(job);
    } catch (e) {
      await this.db.execution.update({
        where: { id },
        data: {
          status: 'failed',
          finishedAt: new Date(),
          error: `Could not queue the execution: ${(e as Error).message}`,
        },
      });
      throw e;
    }
  }

  async list(query: ListExecutionsQuery): Promise<ExecutionList> {
    const where: Prisma.ExecutionWhereInput = {
      ...(query.processId ? { processId: query.processId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.mode ? { mode: query.mode } : {}),
      ...(query.from || query.to
        ? {
            createdAt: {
              ...(query.from ? { gte: new Date(query.from) } : {}),
              ...(query.to ? { lt: new Date(query.to) } : {}),
            },
          }
        : {}),
    };
    const [rows, total] = await this.db.$transaction([
      this.db.execution.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit ?? 50,
        skip: query.offset ?? 0,
      }),
      this.db.execution.count({ where }),
    ]);
    return { items: rows.map(summaryOf), total };
  }

  /** The newest execution of each process that has run: ids by `DISTINCT ON`, then their rows. */
  async latestPerProcess(): Promise<LatestExecutions> {
    const newest = await this.db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT ON ("processId") id FROM "Execution" ORDER BY "processId", "createdAt" DESC, id DESC`;
    const rows = await this.db.execution.findMany({ where: { id: { in: newest.map((r) => r.id) } } });
    return { items: rows.map(summaryOf) };
  }

  async row(id: string): Promise<ExecutionRow> {
    const row = await this.db.execution.findUnique({ where: { id } });
    if (!row) throw notFound(`Execution ${id}`);
    return row;
  }

  async get(id: string): Promise<ExecutionDetail> {
    const row = await this.row(id);
    const logs = await this.db.executionLog.findMany({
      where: { executionId: id },
      orderBy: { id: 'asc' },
      take: 500,
    });
    return {
      ...summaryOf(row),
      shapes: row.counts as ExecutionDetail['shapes'],
      heartbeatAt: iso(row.heartbeatAt),
      workerId: row.workerId,
      attempts: row.attempts,
      logs: logs.map((l) => ({
        at: l.at.toISOString(),
        level: l.level,
        shapeId: l.shapeId,
        message: l.message,
      })),
    };
  }

  /** Queued: cancelled at once. Running: asked to stop between chunks (whichever worker runs it). */
  async cancel(id: string, user?: SessionUser): Promise<ExecutionSummary> {
    const row = await this.row(id);
    if (row.status === 'queued' || row.status === 'interrupted') {
      const done = await this.db.execution.updateMany({
        where: { id, status: row.status },
        data: {
          status: 'cancelled',
          cancelRequested: true,
          finishedAt: new Date(),
          error: 'The execution was cancelled.',
        },
      });
      if (done.count === 0) return this.cancel(id, user);
    } else if (row.status === 'running') {
      await this.db.execution.update({ where: { id }, data: { cancelRequested: true } });
      this.abortLocal(id);
    } else {
      throw conflict(`Execution ${id} has already ended (${row.status}).`);
    }
    await audit(this.db, user, 'cancelled execution', row.processId, { executionId: id });
    return summaryOf(await this.row(id));
  }

  /** An interrupted execution runs again with the same id: writes recorded as done are skipped. */
  /** Queues an interrupted execution again (`automatic`: by a worker's auto-resume, not a person). */
  async resume(id: string, user?: SessionUser, automatic = false) {
    const done = await this.db.execution.updateMany({
      where: { id, status: 'interrupted' },
      data: {
        status: 'queued',
        attempts: { increment: 1 },
        cancelRequested: false,
        workerId: null,
        finishedAt: null,
        error: null,
      },
    });
    if (done.count === 0) {
      const row = await this.row(id);
      throw conflict(`Execution ${id} is ${row.status}: only an interrupted execution can be resumed.`);
    }
    const row = await this.row(id);
    await audit(this.db, user, 'resumed execution', row.processId, {
      executionId: id,
      ...(automatic ? { automatic: true } : {}),
    });
    await this.enqueue(id, { executionId: id, resume: true });
    return { id, status: 'queued' as const };
  }

  /**
   * The process run again as `id` ran it: same mode, same documents given to its start, at the
   * process's current revision (what a person runs after fixing a map). Checked like any start.
   */
  async runAgain(id: string, user?: SessionUser) {
    const source = await this.row(id);
    if (source.status === 'queued' || source.status === 'running')
      throw conflict(`Execution ${id} is still ${source.status}.`);
    if (source.startAt)
      throw conflict(
        `Execution ${id} re-ran failed documents from one shape: run the process itself, or re-run the failed documents of the execution it came from.`,
      );
    const documents = source.input as StartExecution['documents'] | null;
    return this.start(source.processId, { mode: source.mode, ...(documents ? { documents } : {}) }, user);
  }

  /** One new execution per shape where documents failed, pushing them into that shape again. */
  async rerunFailed(id: string, user?: SessionUser) {
    const source = await this.row(id);
    if (source.status === 'queued' || source.status === 'running')
      throw conflict(`Execution ${id} is still ${source.status}.`);
    const shapes = await this.db.executionDocument.findMany({
      where: { executionId: id, direction: 'failed' },
      distinct: ['shapeId'],
      select: { shapeId: true },
    });
    if (shapes.length === 0) throw conflict(`Execution ${id} has no failed documents.`);
    const ids: string[] = [];
    for (const { shapeId } of shapes) {
      const created = await this.db.execution.create({
        data: {
          processId: source.processId,
          processVersion: source.processVersion,
          processName: source.processName,
          mode: source.mode,
          startedById: user?.id ?? null,
          startedBy: user?.email ?? null,
          startAt: { shapeId, sourceExecutionId: id },
        },
      });
      ids.push(created.id);
    }
    await audit(this.db, user, 'ran', source.processId, { executionIds: ids, rerunOf: id });
    for (const newId of ids) await this.enqueue(newId, { executionId: newId });
    return { id: ids[0]!, ids };
  }

  async documents(id: string, query: ExecutionDocumentsQuery): Promise<ExecutionDocumentList> {
    await this.row(id);
    const where: Prisma.ExecutionDocumentWhereInput = {
      executionId: id,
      ...(query.shapeId ? { shapeId: query.shapeId } : {}),
      ...(query.direction ? { direction: query.direction } : {}),
    };
    const [rows, total] = await this.db.$transaction([
      this.db.executionDocument.findMany({
        where,
        orderBy: { id: 'asc' },
        take: query.limit ?? 100,
        skip: query.offset ?? 0,
      }),
      this.db.executionDocument.count({ where }),
    ]);
    return {
      items: rows.map((r) => ({
        shapeId: r.shapeId,
        direction: r.direction,
        documentId: r.documentId,
        document: r.document,
      })),
      total,
    };
  }

  /**
   * The executions that wrote a record with this tracked value (a key part such as a customer account),
   * whatever its capitals, as F&O's keys; folded by PostgreSQL's `lower`, as the stored values were.
   */
  async search(value: string, limit = 50): Promise<TrackedSearchResult> {
    const [folded] = await this.db.$queryRaw<{ folded: string }[]>`SELECT lower(${value}) AS folded`;
    const rows = await this.db.trackedProperty.findMany({
      where: { folded: folded!.folded },
      include: { execution: true },
      orderBy: { id: 'desc' },
      take: limit,
    });
    return {
      items: rows.map((r) => ({
        execution: summaryOf(r.execution),
        shapeId: r.shapeId,
        documentId: r.documentId,
        name: r.name,
        value: r.value,
      })),
    };
  }
}

/**
 * Documents go with a process whose start takes them, and only then: a run of one without them would
 * start from nothing, and documents sent to one that reads its own would be dropped unread.
 */
function checkDocuments(name: string, process: ProcessDefinition, input: StartExecution): void {
  const start = process.shapes.find((s) => s.kind === 'start');
  const takes = start?.kind === 'start' && start.config.mode === 'documents';
  const refuse = (code: string, why: string) => {
    const message = `The process "${name}" ${why}`;
    throw new HttpProblem(422, 'Unprocessable Content', message, {
      problems: [{ code, ...(start ? { shapeId: start.id } : {}), message }],
    });
  };
  if (takes && input.documents === undefined)
    refuse(
      'documents-required',
      'starts from documents passed by its caller: send them as "documents" (an empty list runs it with none).',
    );
  if (!takes && input.documents !== undefined)
    refuse(
      'documents-unexpected',
      'reads its own documents (its start is not "documents passed by the caller"): send none.',
    );
}
