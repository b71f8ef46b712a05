/**
 * `pnpm worker`: a standalone execution worker. Takes jobs from the queue in DATABASE_URL (the same
 * database the server uses; several workers on several machines share it). Needs the server's secret
 * key (FLOWLINE_SECRET_KEY, or <FLOWLINE_DATA_DIR>/secret.key) to read connection secrets;
 * FLOWLINE_CA_FILE adds a trusted CA (e.g. the local sandbox's). FLOWLINE_WORKER_CONCURRENCY,
 * FLOWLINE_HEARTBEAT_MS and FLOWLINE_STALE_AFTER_MS tune it; interrupted executions (a crashed or
 * stopped worker's) are resumed automatically unless FLOWLINE_AUTO_RESUME=off.
 * FLOWLINE_HEAP_GROWTH_PERCENT (default 25, `off`) keeps the heap near what is live (heap-policy.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentsService } from './components/components.service.js';
import { loadSecretKey, SecretBox } from './components/secrets.js';
import { runnerTuning } from './config.js';
import { ConnectionsService } from './connections/connections.service.js';
import { MetadataStore } from './connections/metadata-store.js';
import { repoRoot } from './db/paths.js';
import { createDb } from './db/prisma.js';
import { FlowlineStartError } from './errors/start-error.js';
import { ExecutionsHost } from './executions/executions-host.js';
import { applyHeapPolicy } from './executions/heap-policy.js';

async function main(): Promise<void> {
  // Before the first allocations of note; the host applies it again when its worker starts (harmless).
  applyHeapPolicy();
  const url = process.env.DATABASE_URL;
  if (!url) throw new FlowlineStartError('Set DATABASE_URL to the database the Flowline server uses.');
  const dataDir = process.env.FLOWLINE_DATA_DIR ?? join(repoRoot(), '.flowline');
  const box = new SecretBox(loadSecretKey(process.env, join(dataDir, 'secret.key')));
  const ca = process.env.FLOWLINE_CA_FILE ? [readFileSync(process.env.FLOWLINE_CA_FILE, 'utf8')] : undefined;
  const db = createDb(url, 10);
  const components = new ComponentsService(db, box);
  const connections = new ConnectionsService(db, components, box, new MetadataStore(db), ca ? { ca } : {});
  const log = { info: (m: string) => console.log(m), error: (m: string) => console.error(m) };
  const host = new ExecutionsHost(db, components, connections, log);
  await host.start({ databaseUrl: url, worker: true, runner: runnerTuning(process.env) });
  console.log(`Flowline worker ${host.runner?.workerId} is taking executions.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await host.stop().catch(() => {});
    await connections.close().catch(() => {});
    await db.$disconnect().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof FlowlineStartError ? `Flowline worker cannot start: ${e.message}` : e);
  process.exit(1);
});
