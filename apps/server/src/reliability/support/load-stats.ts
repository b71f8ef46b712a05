import type { Recorder } from './load-http.js';

/** The value below which `p` (0–1) of the values fall (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface Trend {
  /** Slope, in units per second. */
  slope: number;
  /** What the slope adds over the samples' time span: the growth the trend stands for. */
  growth: number;
  min: number;
  median: number;
  max: number;
}

/**
 * The trend of (t seconds, value) samples: the Theil–Sen slope (the median of the slopes between every
 * pair of samples), which one collection landing between two samples cannot tilt as it would a
 * least-squares line.
 */
export function trend(samples: readonly { t: number; v: number }[]): Trend {
  const n = samples.length;
  if (n < 2) throw new Error(`A trend needs at least 2 samples, got ${n}`);
  const slopes: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = samples[i]!;
      const b = samples[j]!;
      if (b.t !== a.t) slopes.push((b.v - a.v) / (b.t - a.t));
    }
  const slope = slopes.length === 0 ? 0 : percentile(slopes, 0.5);
  const values = samples.map((s) => s.v);
  return {
    slope,
    growth: slope * (samples[n - 1]!.t - samples[0]!.t),
    min: Math.min(...values),
    median: percentile(values, 0.5),
    max: Math.max(...values),
  };
}

/** The second half of the samples (by time), where a warmed-up server must hold steady. */
export function secondHalf<T extends { t: number }>(samples: readonly T[]): T[] {
  const end = samples.at(-1)?.t ?? 0;
  const start = samples[0]?.t ?? 0;
  return samples.filter((s) => s.t >= start + (end - start) / 2);
}

/** Prints `reliability: <name>: <value>` lines of a phase's API calls. */
export function reportCalls(phase: string, recorder: Recorder): void {
  const line = (name: string, value: string | number) =>
    console.log(`reliability: ${phase}-${name}: ${value}`);
  const { read, write } = recorder.times;
  const conflicts = [...recorder.counts].filter(([k]) => k.endsWith(' 412')).reduce((s, [, n]) => s + n, 0);
  line('api-requests', read.length + write.length);
  line('api-reads', read.length);
  line('api-writes', write.length);
  line('api-412-on-concurrent-edit', conflicts);
  line('api-failed-requests', recorder.failures.length);
  line('api-read-p50-ms', percentile(read, 0.5).toFixed(1));
  line('api-read-p99-ms', percentile(read, 0.99).toFixed(1));
  line('api-write-p50-ms', percentile(write, 0.5).toFixed(1));
  line('api-write-p99-ms', percentile(write, 0.99).toFixed(1));
}
