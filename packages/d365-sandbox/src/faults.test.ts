import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 7 });
});
afterAll(() => t.sb.stop());
beforeEach(() => {
  t.sb.admin.reset();
  t.sb.admin.configure({
    faults: { rate429: 0, rate503: 0, dropRate: 0, batchPart429Rate: 0 },
    limits: { enabled: false },
    latency: 0,
  });
});

const statuses = async (n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    try {
      const r = await t.call('/data/CustomerGroups?$top=1');
      await r.arrayBuffer();
      out.push(r.status);
    } catch {
      out.push(0);
    }
  }
  return out;
};

describe('faults on demand', () => {
  it('answers a share of requests 429 with Retry-After, deterministically under a seed', async () => {
    t.sb.admin.configure({ faults: { rate429: 0.3, retryAfter: 2 } });
    const first = await statuses(40);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
    t.sb.admin.reset();
    expect(await statuses(40)).toEqual(first);
    const r = await (async () => {
      for (;;) {
        const x = await t.call('/data/CustomerGroups?$top=1');
        if (x.status === 429) return x;
      }
    })();
    expect(r.headers.get('retry-after')).toBe('2');
    expect(t.sb.admin.counters().faults.throttled429).toBeGreaterThan(0);
  });

  it('answers 503', async () => {
    t.sb.admin.configure({ faults: { rate503: 1 } });
    expect(await statuses(3)).toEqual([503, 503, 503]);
  });

  it('drops connections mid-response', async () => {
    t.sb.admin.configure({ faults: { dropRate: 1 } });
    expect(await statuses(2)).toEqual([0, 0]);
    expect(t.sb.admin.counters().faults.dropped).toBe(2);
  });

  it('adds latency', async () => {
    t.sb.admin.configure({ latency: [60, 80] });
    const start = Date.now();
    await statuses(2);
    expect(Date.now() - start).toBeGreaterThanOrEqual(115);
  });

  it('throttles single parts inside a $batch with their own Retry-After', async () => {
    t.sb.admin.configure({ faults: { batchPart429Rate: 1, retryAfter: 3 } });
    const body = `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nGET CustomerGroups?$top=1 HTTP/1.1\r\n\r\n\r\n--b--\r\n`;
    const res = await t.call('/data/$batch', {
      method: 'POST',
      body,
      headers: { 'content-type': 'multipart/mixed; boundary=b' },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1\.1 429 Too Many Requests\r\n/);
    expect(text).toMatch(/retry-after: 3/i);
    expect(t.sb.admin.counters().faults.batchPart429).toBe(1);
  });
});

describe('user-based limits', () => {
  it('enforces requests per window with F&O message', async () => {
    t.sb.admin.configure({ limits: { enabled: true, requestsPerWindow: 5, windowSeconds: 300 } });
    const s = await statuses(7);
    expect(s).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const r = await t.call('/data/CustomerGroups');
    expect(
      ((await r.json()) as { error: { innererror: { message: string } } }).error.innererror.message,
    ).toBe('Number of requests exceeded the limit of 5 over the time window of 300 seconds.');
  });

  it('enforces the combined execution time per window', async () => {
    t.sb.admin.configure({ limits: { enabled: true, executionSeconds: 0.05 }, latency: 60 });
    expect(await statuses(2)).toEqual([200, 429]);
    const r = await t.call('/data/CustomerGroups');
    expect(
      ((await r.json()) as { error: { innererror: { message: string } } }).error.innererror.message,
    ).toMatch(
      /^Combined execution time of incoming requests exceeded the limit of 0.05 seconds over the time window of 300 seconds\./,
    );
    t.sb.admin.configure({ limits: { executionSeconds: 1200 } });
  });

  it('enforces concurrent requests (52 by default)', { timeout: 20000 }, async () => {
    t.sb.admin.configure({ limits: { enabled: true, requestsPerWindow: 100000 }, latency: 3000 });
    // node:http with an unlimited agent, and 3 s of latency: all 60 are in flight at once even on a busy machine.
    const agent = new Agent({ keepAlive: true, maxSockets: 1000 });
    const get = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const headers = { authorization: `Bearer ${t.token}` };
        const req = request(`${t.sb.url}/data/CustomerGroups?$top=1`, { agent, headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const all = await Promise.all(Array.from({ length: 60 }, get));
    agent.destroy();
    const codes = all.map((r) => r.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(52);
    expect(codes.filter((c) => c === 429)).toHaveLength(8);
    const limited = all.find((r) => r.status === 429)!;
    const body = JSON.parse(limited.body) as { error: { innererror: { message: string } } };
    expect(body.error.innererror.message).toBe('Number of concurrent requests exceeded the limit of 52.');
  });
});
