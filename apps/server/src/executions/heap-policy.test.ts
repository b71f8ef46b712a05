import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyHeapPolicy } from './heap-policy.js';

const tsx = createRequire(new URL('../../../../package.json', import.meta.url)).resolve('tsx/esm');
const policy = fileURLToPath(new URL('./heap-policy.ts', import.meta.url));

/**
 * A child process keeps ~40 MB live and churns chunk-like garbage that survives a little while (as
 * an execution's chunks do); it prints its largest used heap over the live size.
 */
const CHURN = `
  import { getHeapStatistics } from 'node:v8';
  const { applyHeapPolicy } = await import(process.env.POLICY);
  applyHeapPolicy();
  const live = Array.from({ length: 12 }, () => Array.from({ length: 100000 }, (_, j) => ({ j })));
  globalThis.gc();
  const base = getHeapStatistics().used_heap_size;
  let peak = 0;
  const recent = [];
  for (let round = 0; round < 300; round++) {
    recent.push(Array.from({ length: 20000 }, (_, j) => ({ a: j, b: 'x' + j })));
    if (recent.length > 3) recent.shift();
    await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
  }
  console.log(JSON.stringify({ ratio: peak / base, live: live.length }));
`;

function peakOverLive(env: Record<string, string>): number {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', tsx, '--input-type=module', '-e', CHURN],
    {
      env: { ...process.env, POLICY: policy, ...env },
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).ratio as number;
}

describe('the heap policy of processes that run executions', () => {
  it('keeps the heap near what is live, where V8 alone lets it grow to several times that', () => {
    const bounded = peakOverLive({});
    const v8Default = peakOverLive({ FLOWLINE_HEAP_GROWTH_PERCENT: 'off' });
    // Measured: ~2.0 (live + young generation + one round of garbage) against ~4.2.
    expect(bounded).toBeLessThan(3);
    expect(v8Default / bounded).toBeGreaterThan(1.4);
  }, 60_000);

  it('names a bad FLOWLINE_HEAP_GROWTH_PERCENT', () => {
    expect(() => applyHeapPolicy({ FLOWLINE_HEAP_GROWTH_PERCENT: 'lots' })).toThrow(
      'FLOWLINE_HEAP_GROWTH_PERCENT "lots" is not a whole number from 10 to 300 (or "off").',
    );
    expect(applyHeapPolicy({ FLOWLINE_HEAP_GROWTH_PERCENT: 'off' })).toBeUndefined();
  });
});
