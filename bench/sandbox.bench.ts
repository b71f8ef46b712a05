/**
 * D365 sandbox throughput: paged reads of 10,000-record pages (records/s), $batch creates (operations/s)
 * and latency under 100 concurrent requests. Baseline: a bare node:http server answering a
 * pre-serialised page of the same size, measured in the same run; the ratio is printed last.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { child } from './support/child-process.js';

const LINES_PER_COMPANY = 30000;
const PAGE = 10000;
const agent = new Agent({ keepAlive: true, maxSockets: 200 });

function get(
  url: string,
  headers: Record<string, string> = {},
  body?: string,
  method = 'GET',
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `code` in its own Node process (servers never share the client's event loop); resolves its first stdout line. */

const sandbox = await child(
  `import { startSandbox } from '@flowline/d365-sandbox';
   const sb = await startSandbox({ port: 0, seedSize: { SalesOrderHeadersV2: 3000, SalesOrderLines: ${LINES_PER_COMPANY} } });
   console.log(JSON.stringify({ url: sb.url, odataUrl: sb.odataUrl }));`,
);
const sb = JSON.parse(sandbox.line) as { url: string; odataUrl: string };
const tokenRes = await get(
  `${sb.url}/sandbox/oauth2/v2.0/token`,
  { 'content-type': 'application/x-www-form-urlencoded' },
  new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'flowline-demo',
    client_secret: 'flowline-demo-secret',
    scope: `${sb.url}/.default`,
  }).toString(),
  'POST',
);
const auth = {
  authorization: `Bearer ${(JSON.parse(tokenRes.body.toString()) as { access_token: string }).access_token}`,
};

/** Follows nextLinks through the whole set; returns records and bytes read. */
async function readAll(): Promise<{ records: number; bytes: number; firstPage: Buffer }> {
  let url: string | undefined = `${sb.odataUrl}/SalesOrderLines`;
  let records = 0;
  let bytes = 0;
  let firstPage: Buffer | undefined;
  while (url) {
    const res = await get(url, auth);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    firstPage ??= res.body;
    const page = JSON.parse(res.body.toString()) as { value: unknown[]; '@odata.nextLink'?: string };
    records += page.value.length;
    bytes += res.body.length;
    url = page['@odata.nextLink'];
  }
  return { records, bytes, firstPage: firstPage! };
}

// Warm-up pass fills the per-record JSON cache, as any second read of a real run would.
const warm = await readAll();
globalThis.gc?.();
let t0 = performance.now();
const passes = 3;
for (let i = 0; i < passes; i++) await readAll();
const sandboxSeconds = (performance.now() - t0) / 1000;
const sandboxRate = (warm.records * passes) / sandboxSeconds;

// Baseline: the same bytes per page from a server that does nothing else.
const pageFile = join(mkdtempSync(join(tmpdir(), 'sandbox-bench-')), 'page.json');
writeFileSync(pageFile, warm.firstPage);
const bare = await child(
  `import { createServer } from 'node:http';
   import { readFileSync } from 'node:fs';
   const page = readFileSync(${JSON.stringify(pageFile)});
   const server = createServer((_req, res) => {
     res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(page.length) });
     res.end(page);
   });
   server.listen(0, '127.0.0.1', () => console.log(server.address().port));`,
);
const bareUrl = `http://127.0.0.1:${bare.line}/`;
const pages = Math.ceil(warm.records / PAGE);
t0 = performance.now();
for (let i = 0; i < passes * pages; i++) {
  const res = await get(bareUrl);
  JSON.parse(res.body.toString());
}
const bareSeconds = (performance.now() - t0) / 1000;
const bareRate = (passes * pages * PAGE) / bareSeconds;
bare.proc.kill();

// $batch creates: 20 batches of 250 creates, each in one change set.
const BATCHES = 20;
const OPS = 250;
let seq = 0;
t0 = performance.now();
for (let b = 0; b < BATCHES; b++) {
  let body = '--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n';
  for (let i = 0; i < OPS; i++) {
    seq++;
    body += `--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${i + 1}\r\n\r\nPOST Prospects HTTP/1.1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ ProspectId: `BENCH-${seq}`, Name: `Bench ${seq}`, CustomerGroupId: '10', EstimatedAnnualRevenue: seq })}\r\n`;
  }
  body += '--c--\r\n--b--\r\n';
  const res = await get(
    `${sb.odataUrl}/$batch`,
    { ...auth, 'content-type': 'multipart/mixed; boundary=b' },
    body,
    'POST',
  );
  const created = res.body.toString().match(/HTTP\/1\.1 201/g)?.length ?? 0;
  if (res.status !== 200 || created !== OPS)
    throw new Error(`batch ${b} created ${created}/${OPS} (status ${res.status})`);
}
const batchRate = (BATCHES * OPS) / ((performance.now() - t0) / 1000);

// 100 concurrent clients for ~3 s on 100-record pages, while a probe measures a small request's latency.
const latencies: number[] = [];
const probe: number[] = [];
let errors = 0;
let until = 0;
const worker = async () => {
  while (performance.now() < until) {
    const s = performance.now();
    const res = await get(`${sb.odataUrl}/CustomersV3?$top=100&$skip=${latencies.length % 400}`, auth);
    if (res.status !== 200) errors++;
    latencies.push(performance.now() - s);
  }
};
const prober = async () => {
  while (performance.now() < until) {
    const s = performance.now();
    const res = await get(`${sb.odataUrl}/CustomerGroups?$top=1`, auth);
    if (res.status !== 200) errors++;
    probe.push(performance.now() - s);
  }
};
// One warm-up second (first serialisation of each page, GC after the reads above), then 3 measured seconds.
globalThis.gc?.();
until = performance.now() + 1000;
await Promise.all([...Array.from({ length: 100 }, worker), prober()]);
latencies.length = 0;
probe.length = 0;
errors = 0;
until = performance.now() + 3000;
await Promise.all([...Array.from({ length: 100 }, worker), prober()]);
const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

sandbox.proc.kill();
agent.destroy();
console.log(
  `paged-read records: ${warm.records} (${(warm.bytes / warm.records).toFixed(0)} bytes/record, pages of ${PAGE})`,
);
console.log(`sandbox paged-read records/s: ${sandboxRate.toFixed(0)}`);
console.log(`bare node:http same-page records/s: ${bareRate.toFixed(0)}`);
console.log(
  `batch creates ops/s: ${batchRate.toFixed(0)} (${BATCHES} batches x ${OPS} creates in change sets)`,
);
console.log(`concurrent-100 requests/s: ${(latencies.length / 3).toFixed(0)}`);
console.log(`concurrent-100 p50 ms: ${pct(latencies, 0.5).toFixed(1)}`);
console.log(`concurrent-100 p99 ms: ${pct(latencies, 0.99).toFixed(1)}`);
console.log(`small request under that load p50 ms: ${pct(probe, 0.5).toFixed(1)}`);
console.log(`small request under that load p99 ms: ${pct(probe, 0.99).toFixed(1)}`);
console.log(`concurrent-100 errors: ${errors}`);
console.log(`paged-read sandbox/bare ratio: ${(sandboxRate / bareRate).toFixed(2)}`);
