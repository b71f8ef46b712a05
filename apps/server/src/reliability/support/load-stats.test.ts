import { describe, expect, it } from 'vitest';
import { percentile, secondHalf, trend } from './load-stats.js';

const MB = 1024 * 1024;
// A repeatable ±5 MB wobble, the size seen between samples of a heap under 20 running executions.
const wobble = (i: number) => Math.sin(i * 2.3) * 5 * MB;
const series = (count: number, everyS: number, value: (i: number, t: number) => number) =>
  Array.from({ length: count }, (_, i) => ({ t: i * everyS, v: value(i, i * everyS) }));

describe('the soak memory trend', () => {
  it('finds no growth worth the name in a steady heap that wobbles by ±5 MB', () => {
    const flat = trend(series(15, 3, (i) => 100 * MB + wobble(i)));
    expect(Math.abs(flat.growth)).toBeLessThan(8 * MB);
  });

  it('finds a leak of 0.4 MB/s under the same wobble, over 45 s', () => {
    const leak = trend(series(16, 3, (i, t) => 100 * MB + wobble(i) + t * 0.4 * MB));
    expect(leak.growth).toBeGreaterThan(16 * MB);
    expect(leak.slope).toBeCloseTo(0.4 * MB, -5);
  });

  it('is not tilted by one collection that landed late', () => {
    const samples = series(15, 3, () => 100 * MB);
    samples[14]!.v = 160 * MB;
    expect(trend(samples).growth).toBe(0);
    expect(() => trend(samples.slice(0, 1))).toThrow(/at least 2 samples, got 1/);
  });

  it('keeps the second half by time, and ranks percentiles by nearest rank', () => {
    expect(secondHalf(series(7, 10, () => 0)).map((s) => s.t)).toEqual([30, 40, 50, 60]);
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
