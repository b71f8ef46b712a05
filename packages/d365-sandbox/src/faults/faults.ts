import { Prng } from '../store/prng.js';

/** Faults injected on OData requests; rates are shares in [0, 1]. */
export interface FaultOptions {
  /** Share of requests answered 429 with Retry-After. */
  rate429?: number;
  /** Share of requests answered 503. */
  rate503?: number;
  /** Share of requests whose connection is dropped mid-response (the request was served: a write is applied). */
  dropRate?: number;
  /** Share of requests whose connection is dropped before they are served (nothing is applied). */
  dropUnservedRate?: number;
  /** Share of operations inside a $batch answered 429 with their own Retry-After. */
  batchPart429Rate?: number;
  /** Retry-After seconds sent with 429s (default 1). */
  retryAfter?: number;
  /** Share of requests held back by a latency spike before they are served (a node under load). */
  spikeRate?: number;
  /** Length of a latency spike in ms, fixed or a [min, max] range (default 2,000). */
  spikeMs?: number | [number, number];
}

/** F&O's user-based service protection limits (FNO-ODATA.md §7); off unless enabled. */
export interface LimitOptions {
  enabled?: boolean;
  /** Requests per window per client (F&O: 6,000). */
  requestsPerWindow?: number;
  /** Window length in seconds (F&O: 300). */
  windowSeconds?: number;
  /** Concurrent requests per client (F&O: 52). */
  concurrent?: number;
  /** Combined execution seconds per client in the window (F&O: 1,200). */
  executionSeconds?: number;
}

export type FaultDecision = 'none' | '429' | '503' | 'drop' | 'drop-unserved';

const DEFAULT_LIMITS: Required<LimitOptions> = {
  enabled: false,
  requestsPerWindow: 6000,
  windowSeconds: 300,
  concurrent: 52,
  executionSeconds: 1200,
};

/** Seeded fault decisions and limit book-keeping; same seed and request order, same faults. */
export class Faults {
  config: FaultOptions;
  limits: Required<LimitOptions>;
  latency: number | [number, number];
  private decide$: Prng;
  private parts$: Prng;
  private latency$: Prng;
  private spikes$: Prng;
  private windows = new Map<string, number[]>();
  private inFlight = new Map<string, number>();
  /** Per client: [end time, duration] of finished requests, for the execution-time limit. */
  private executions = new Map<string, [number, number][]>();

  constructor(
    private readonly seed: number,
    config: FaultOptions,
    limits: LimitOptions,
    latency: number | [number, number],
  ) {
    this.config = { ...config };
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.latency = latency;
    this.decide$ = new Prng(seed ^ 0x51);
    this.parts$ = new Prng(seed ^ 0x52);
    this.latency$ = new Prng(seed ^ 0x53);
    this.spikes$ = new Prng(seed ^ 0x54);
  }

  /** Back to the start of the seeded sequences. */
  reset(): void {
    this.decide$ = new Prng(this.seed ^ 0x51);
    this.parts$ = new Prng(this.seed ^ 0x52);
    this.latency$ = new Prng(this.seed ^ 0x53);
    this.spikes$ = new Prng(this.seed ^ 0x54);
    this.windows.clear();
    this.executions.clear();
  }

  /** Changes faults, limits or latency at run time (admin endpoint). */
  update(next: { faults?: FaultOptions; limits?: LimitOptions; latency?: number | [number, number] }): void {
    if (next.faults) this.config = { ...this.config, ...next.faults };
    if (next.limits) this.limits = { ...this.limits, ...next.limits };
    if (next.latency !== undefined) this.latency = next.latency;
  }

  get retryAfter(): number {
    return this.config.retryAfter ?? 1;
  }

  /** The fault, if any, for the next OData request (one draw per request). */
  decide(): FaultDecision {
    const { rate429 = 0, rate503 = 0, dropRate = 0, dropUnservedRate = 0 } = this.config;
    if (rate429 + rate503 + dropRate + dropUnservedRate === 0) return 'none';
    const r = this.decide$.next();
    if (r < rate429) return '429';
    if (r < rate429 + rate503) return '503';
    if (r < rate429 + rate503 + dropRate) return 'drop';
    if (r < rate429 + rate503 + dropRate + dropUnservedRate) return 'drop-unserved';
    return 'none';
  }

  /** Whether the next operation inside a $batch is throttled. */
  partThrottled(): boolean {
    const rate = this.config.batchPart429Rate ?? 0;
    return rate > 0 && this.parts$.next() < rate;
  }

  /** Added latency for the next request, in ms. */
  latencyMs(): number {
    const l = this.latency;
    if (typeof l === 'number') return l;
    return l[0] + Math.floor(this.latency$.next() * (l[1] - l[0] + 1));
  }

  /** Extra delay of the next request when a latency spike hits it, else 0 (its own seeded sequence). */
  spikeDelayMs(): number {
    const rate = this.config.spikeRate ?? 0;
    if (rate <= 0 || this.spikes$.next() >= rate) return 0;
    const l = this.config.spikeMs ?? 2000;
    if (typeof l === 'number') return l;
    return l[0] + Math.floor(this.spikes$.next() * (l[1] - l[0] + 1));
  }

  /** Admits a request under the user-based limits, or returns F&O's message. */
  admit(clientId: string, now = Date.now()): string | undefined {
    if (!this.limits.enabled) return undefined;
    const active = this.inFlight.get(clientId) ?? 0;
    if (active >= this.limits.concurrent) {
      return `Number of concurrent requests exceeded the limit of ${this.limits.concurrent}.`;
    }
    const list = this.windows.get(clientId) ?? [];
    const from = now - this.limits.windowSeconds * 1000;
    while (list.length > 0 && list[0]! <= from) list.shift();
    if (list.length >= this.limits.requestsPerWindow) {
      return `Number of requests exceeded the limit of ${this.limits.requestsPerWindow} over the time window of ${this.limits.windowSeconds} seconds.`;
    }
    const runs = this.executions.get(clientId) ?? [];
    while (runs.length > 0 && runs[0]![0] <= from) runs.shift();
    let spent = 0;
    for (const [, ms] of runs) spent += ms;
    if (spent > this.limits.executionSeconds * 1000) {
      return `Combined execution time of incoming requests exceeded the limit of ${this.limits.executionSeconds} seconds over the time window of ${this.limits.windowSeconds} seconds. Reduce concurrency or increase the time between requests.`;
    }
    list.push(now);
    this.windows.set(clientId, list);
    this.inFlight.set(clientId, active + 1);
    return undefined;
  }

  /** Ends a request admitted by admit() at `startedAt` (ms), recording its execution time. */
  release(clientId: string, startedAt: number, now = Date.now()): void {
    if (!this.limits.enabled) return;
    const runs = this.executions.get(clientId) ?? [];
    runs.push([now, now - startedAt]);
    this.executions.set(clientId, runs);
    this.inFlight.set(clientId, Math.max(0, (this.inFlight.get(clientId) ?? 1) - 1));
  }
}
