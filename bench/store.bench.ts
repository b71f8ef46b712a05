/**
 * The component store under load: 10,000 components, 50 concurrent clients listing and reading,
 * against a Fastify route answering the same JSON from memory in the same run.
 * Prints requests/s and p99 of both, the ratios last.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'undici';
import { buildApp } from '../apps/server/src/app.js';
import { applyMigrations } from '../apps/server/src/db/migrations.js';
import { createDb } from '../apps/server/src/db/prisma.js';
import { scratchDatabases } from '../apps/server/src/db/scratch-database.js';
import { signIn } from '../apps/server/src/test/sign-in.js';

const COMPONENTS = Number(process.env.STORE_COMPONENTS ?? 10_000);
const CLIENTS = 50;
const REQUESTS = Number(process.env.STORE_REQUESTS ?? 4_000);

const dbs = await scratchDatabases('flowline_bench');
await applyMigrations(dbs.url);
const db = createDb(dbs.url, 20);
const types = ['connection', 'operation', 'map', 'process'] as const;
const ids: string[] = [];
for (let start = 0; start < COMPONENTS; start += 1000) {
  const rows = Array.from({ length: Math.min(1000, COMPONENTS - start) }, (_, i) => {
    const n = start + i;
    const id = randomUUID();
    ids.push(id);
    return {
      id,
      type: types[n % 4]!,
      name: `Component ${String(n).padStart(5, '0')} ${randomBytes(3).toString('hex')}`,
    };
  });
  await db.component.createMany({ data: rows });
  await db.componentRevision.createMany({
    data: rows.map((r) => ({
      componentId: r.id,
      version: 1,
      name: r.name,
      description: '',
      schemaVersion: 1,
      body:
        r.type === 'process'
          ? { schemaVersion: 1, name: r.name, shapes: [], edges: [] }
          : { schemaVersion: 1 },
    })),
  });
}

const app = await buildApp({ db, version: 'bench', secretKey: randomBytes(32) });
const viewer = await signIn(app, db, 'viewer');
await app.listen({ port: 0, host: '127.0.0.1' });
const storeUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const listPath = '/api/components?type=process&search=Component%200&limit=50&offset=100';
const getPath = (i: number) => `/api/components/${ids[i % ids.length]}`;
const sampleList = await (await fetch(storeUrl + listPath, { headers: viewer.headers })).text();
const sampleGet = await (await fetch(storeUrl + getPath(0), { headers: viewer.headers })).text();

// The baseline: the same answers, from memory, through Fastify.
const baseline = Fastify();
baseline.get('/api/components', async (_r, reply) => reply.type('application/json').send(sampleList));
baseline.get('/api/components/:id', async (_r, reply) => reply.type('application/json').send(sampleGet));
await baseline.listen({ port: 0, host: '127.0.0.1' });
const baselineUrl = `http://127.0.0.1:${(baseline.server.address() as { port: number }).port}`;

async function load(
  origin: string,
  path: (i: number) => string,
): Promise<{ rps: number; p99: number; failed: number }> {
  const pool = new Pool(origin, { connections: CLIENTS });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t = performance.now();
        const res = await pool.request({
          method: 'GET',
          path: path(i),
          headers: { cookie: viewer.headers.cookie! },
        });
        await res.body.text();
        if (res.statusCode !== 200) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p99: latencies[Math.floor(latencies.length * 0.99)]!, failed };
}

const results: Record<string, { rps: number; p99: number; failed: number }> = {};
for (const [name, path] of [
  ['list', () => listPath],
  ['get', getPath],
] as const) {
  await load(storeUrl, path); // warm-up: connections, JIT, PostgreSQL caches
  results[`store-${name}`] = await load(storeUrl, path);
  results[`memory-${name}`] = await load(baselineUrl, path);
}
console.log(`components: ${COMPONENTS}`);
console.log(`concurrent-clients: ${CLIENTS}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`${name}-requests-per-s: ${r.rps.toFixed(0)}`);
  console.log(`${name}-p99-ms: ${r.p99.toFixed(1)}`);
  if (r.failed) console.log(`${name}-failed: ${r.failed}`);
}
console.log(
  `list-throughput-ratio-store-vs-memory: ${(results['store-list']!.rps / results['memory-list']!.rps).toFixed(3)}`,
);
console.log(
  `get-throughput-ratio-store-vs-memory: ${(results['store-get']!.rps / results['memory-get']!.rps).toFixed(3)}`,
);
await app.close();
await baseline.close();
await db.$disconnect();
await dbs.close();
