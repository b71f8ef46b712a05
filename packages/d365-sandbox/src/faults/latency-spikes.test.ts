import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../test-support.js';
import { Faults } from './faults.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 11 });
});
afterAll(() => t.sb.stop());

/** Times of `n` sequential OData reads, in ms. */
async function timings(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await t.call('/data/CustomerGroups?$top=1');
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    out.push(performance.now() - start);
  }
  return out;
}

describe('latency spikes', () => {
  it('hit a seeded share of requests, with lengths from the range, the same after a reset', () => {
    const faults = new Faults(5, { spikeRate: 0.2, spikeMs: [1000, 3000] }, {}, 0);
    const draws = Array.from({ length: 500 }, () => faults.spikeDelayMs());
    const hits = draws.filter((ms) => ms > 0);
    expect(hits.length).toBeGreaterThan(60);
    expect(hits.length).toBeLessThan(140);
    for (const ms of hits) expect(ms >= 1000 && ms <= 3000).toBe(true);
    faults.reset();
    expect(Array.from({ length: 500 }, () => faults.spikeDelayMs())).toEqual(draws);
    faults.update({ faults: { spikeRate: 0 } });
    expect(faults.spikeDelayMs()).toBe(0);
  });

  it('hold requests back before they are served, and are counted', async () => {
    t.sb.admin.reset();
    t.sb.admin.configure({ faults: { spikeRate: 1, spikeMs: 150 } });
    for (const ms of await timings(3)) expect(ms).toBeGreaterThanOrEqual(145);
    expect(t.sb.admin.counters().faults.latencySpikes).toBe(3);
    t.sb.admin.configure({ faults: { spikeRate: 0 } });
    t.sb.admin.resetCounters();
    await timings(5);
    expect(t.sb.admin.counters().faults.latencySpikes).toBe(0);
  });
});
