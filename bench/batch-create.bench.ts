/**
 * 10,000 creates against the sandbox with 20 ms latency per request, through @flowline/d365-connector:
 * `$batch` (change sets of 100, 5,000 operations a request) against one POST per record (the
 * connector's default 8 requests in flight), in the same run. Ratio (batch speed / per-record speed) last.
 */

import { createFnoClient } from '@flowline/d365-connector';
import { request } from 'undici';
import { child } from './support/child-process.js';

const RECORDS = 10_000;

const sandbox = await child(
  `import { startSandbox } from '@flowline/d365-sandbox';
   const sb = await startSandbox({ port: 0, latency: 20 });
   console.log(JSON.stringify({ url: sb.url, tenant: sb.tenant }));`,
);
const sb = JSON.parse(sandbox.line) as { url: string; tenant: string };
const tokenRes = await request(`${sb.url}/${sb.tenant}/oauth2/v2.0/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: 'flowline-demo',
    client_secret: 'flowline-demo-secret',
    scope: `${sb.url}/.default`,
  }).toString(),
});
const { access_token: token } = (await tokenRes.body.json()) as { access_token: string };
const client = createFnoClient({ url: sb.url, tokenProvider: { getToken: async () => token } });
const group = (prefix: string, i: number) => ({
  dataAreaId: 'usmf',
  CustomerGroupId: `${prefix}${i}`,
  Description: `Bench group ${i}`,
});

let t = performance.now();
const results = await client.batch(
  Array.from({ length: RECORDS }, (_, i) => ({
    op: 'create' as const,
    entitySet: 'CustomerGroups',
    data: group('B', i),
  })),
  { changesetSize: 100 },
);
const batchMs = performance.now() - t;
if (results.some((r) => !r.ok)) throw new Error(`batch: ${results.filter((r) => !r.ok).length} failed`);

t = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < RECORDS) await client.create('CustomerGroups', group('S', next++));
  }),
);
const singleMs = performance.now() - t;
await client.close();
sandbox.proc.kill();

console.log(`records: ${RECORDS}`);
console.log(`batch-creates-per-s: ${Math.round(RECORDS / (batchMs / 1000))}`);
console.log(`single-creates-per-s: ${Math.round(RECORDS / (singleMs / 1000))}`);
console.log(`batch-vs-single-ratio: ${(singleMs / batchMs).toFixed(1)}`);
