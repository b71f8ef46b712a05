import type { Sandbox } from '@flowline/d365-sandbox';
import type { ApiSession } from './load-http.js';
import { type CopyCustomers, copyCustomersProcess } from './load-processes.js';

/** How one execution of the load run ended, and what was wrong with it (nothing, when it is right). */
export interface ExecutionOutcome {
  id: string;
  prefix: string;
  status: string;
  seconds: number;
  problems: string[];
}

interface ShapeCounts {
  in?: number;
  out?: number;
  failed?: number;
}

const POLL_MS = 500;
// Far above what one execution takes under load; past it the execution is reported, not awaited.
const DEADLINE_MS = 5 * 60_000;

/**
 * Executions of copy-customers processes, `slots` at a time: each slot creates its process (a new
 * prefix each time), starts it, follows it to its end and checks its counts and the sandbox's records.
 */
export class ExecutionSlots {
  readonly outcomes: ExecutionOutcome[] = [];
  private readonly rounds = new Map<number, number>();

  constructor(
    private readonly sandbox: Sandbox,
    private readonly designer: ApiSession,
    private readonly operator: ApiSession,
    private readonly parts: CopyCustomers,
    /** Customers of usmf: what every execution must read and write. */
    private readonly customers: number,
  ) {}

  /**
   * Runs `slots` executions at once, slot k starting k × `staggerMs` after the first (so they do not
   * all start and end together), each starting another as soon as its last ended, until `stop`.
   * `first` settles with every slot's first execution; `all` when every slot has stopped.
   */
  keepRunning(
    slots: number,
    staggerMs: number,
    stop: () => boolean,
  ): { first: Promise<ExecutionOutcome[]>; all: Promise<void> } {
    const firsts: Promise<ExecutionOutcome>[] = [];
    const loops: Promise<void>[] = [];
    for (let slot = 0; slot < slots; slot++) {
      let settle!: (o: ExecutionOutcome) => void;
      firsts.push(new Promise((resolve) => (settle = resolve)));
      loops.push(
        (async () => {
          await new Promise((r) => setTimeout(r, slot * staggerMs));
          settle(await this.runOne(slot));
          while (!stop()) await this.runOne(slot);
        })(),
      );
    }
    return { first: Promise.all(firsts), all: Promise.all(loops).then(() => undefined) };
  }

  /** One execution, from creating its process to checking what it wrote. */
  async runOne(slot: number): Promise<ExecutionOutcome> {
    // Every execution of a slot, across calls, writes under a prefix of its own.
    const round = this.rounds.get(slot) ?? 0;
    this.rounds.set(slot, round + 1);
    const prefix = `L${String(slot).padStart(2, '0')}R${String(round).padStart(3, '0')}-`;
    const outcome: ExecutionOutcome = { id: '', prefix, status: 'not started', seconds: 0, problems: [] };
    this.outcomes.push(outcome);
    try {
      await this.run(outcome);
    } catch (e) {
      outcome.problems.push(`${prefix}: ${(e as Error).message}`);
    }
    return outcome;
  }

  private async run(outcome: ExecutionOutcome): Promise<void> {
    const { prefix } = outcome;
    const started = performance.now();
    const processId = await copyCustomersProcess(this.designer, this.parts, prefix);
    const accepted = await this.operator.call(
      'write',
      'start execution',
      'POST',
      `/api/processes/${processId}/executions`,
      [202],
      { body: { mode: 'full' } },
    );
    if (!accepted) {
      outcome.problems.push(`${prefix}: the execution was not accepted`);
      return;
    }
    outcome.id = (accepted.json as { id: string }).id;
    const detail = await this.follow(outcome.id);
    outcome.seconds = (performance.now() - started) / 1000;
    if (!detail) {
      outcome.problems.push(`${prefix} ${outcome.id}: not ended after ${DEADLINE_MS / 1000} s`);
      return;
    }
    outcome.status = detail.status;
    this.check(outcome, detail);
  }

  private async follow(id: string) {
    const deadline = Date.now() + DEADLINE_MS;
    while (Date.now() < deadline) {
      const res = await this.operator.get('execution detail (poll)', `/api/executions/${id}`);
      const detail = res?.json as
        | { status: string; error?: string | null; shapes: Record<string, ShapeCounts> }
        | undefined;
      if (detail && !['queued', 'running'].includes(detail.status)) return detail;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return undefined;
  }

  private check(
    outcome: ExecutionOutcome,
    detail: { status: string; error?: string | null; shapes: Record<string, ShapeCounts> },
  ): void {
    const n = this.customers;
    const at = `${outcome.prefix} ${outcome.id}`;
    if (detail.status !== 'succeeded')
      outcome.problems.push(`${at}: ended ${detail.status}: ${detail.error ?? ''}`);
    const start = detail.shapes.start;
    const write = detail.shapes.write;
    if (start?.out !== n) outcome.problems.push(`${at}: start sent ${start?.out} documents, not ${n}`);
    if (write?.in !== n || write.out !== n || write.failed !== 0)
      outcome.problems.push(`${at}: write counted ${JSON.stringify(write)}, not ${n} in and out, 0 failed`);
    const accounts = this.sandbox.admin
      .dump('CustomersV3', 'usrt')
      .map((c) => String(c.CustomerAccount))
      .filter((a) => a.startsWith(outcome.prefix));
    if (accounts.length !== n || new Set(accounts).size !== n)
      outcome.problems.push(
        `${at}: the sandbox holds ${accounts.length} usrt customers (${new Set(accounts).size} distinct), not ${n}`,
      );
  }
}
