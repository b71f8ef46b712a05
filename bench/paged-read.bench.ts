/**
 * Paged reads through @flowline/d365-connector (query() following @odata.nextLink, records tracked)
 * against a bare undici loop fetching and parsing the same pages from the same sandbox, in the same run.
 * The sandbox runs in its own process; both sides use the same bearer token. Ratio (connector
 * throughput / bare throughput) comes last: 1.0 = no overhead.
 */

import { createFnoClient } from '@flowline/d365-connector';
import { Agent, request } from 'undici';
import { child } from './support/child-process.js';

const LINES_PER_COMPANY = 25_000;
const PASSES = 3;

const sandbox = await child(
  `import { startSandbox } from '@flowline/d365-sandbox';
   const sb = await startSandbox({ port: 0, seedSize: { SalesOrderHeadersV2: 3000, SalesOrderLines: ${LINES_PER_COMPANY} } });
   console.log(JSON.stringify({ url: sb.url, odataUrl: sb.odataUrl, tenant: sb.tenant }));`,
);
const sb = JSON.parse(sandbox.line) as { url: string; odataUrl: string; tenant: string };
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

const agent = new Agent({ connections: 8 });
async function bareLoop(): Promise<number> {
  let url: string | undefined = `${sb.odataUrl}/SalesOrderLines?cross-company=true`;
  let records = 0;
  while (url) {
    const res = await request(url, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    const page = JSON.parse(await res.body.text()) as { value: unknown[]; '@odata.nextLink'?: string };
    records += page.value.length;
    url = page['@odata.nextLink'];
  }
  return records;
}

const client = createFnoClient({ url: sb.url, tokenProvider: { getToken: async () => token } });
async function connectorLoop(): Promise<number> {
  let records = 0;
  for await (const _ of client.query('SalesOrderLines', { crossCompany: true })) records++;
  return records;
}

const expected = await bareLoop();
if ((await connectorLoop()) !== expected) throw new Error('connector and bare loop read different counts');
let bareMs = 0;
let connectorMs = 0;
for (let i = 0; i < PASSES; i++) {
  globalThis.gc?.();
  let t = performance.now();
  await bareLoop();
  bareMs += performance.now() - t;
  globalThis.gc?.();
  t = performance.now();
  await connectorLoop();
  connectorMs += performance.now() - t;
}
await client.close();
await agent.close();
sandbox.proc.kill();

const bareRate = (expected * PASSES) / (bareMs / 1000);
const connectorRate = (expected * PASSES) / (connectorMs / 1000);
console.log(`records-per-pass: ${expected}`);
console.log(`bare-undici-records-per-s: ${Math.round(bareRate)}`);
console.log(`connector-records-per-s: ${Math.round(connectorRate)}`);
console.log(`connector-vs-bare-ratio: ${(connectorRate / bareRate).toFixed(2)}`);
