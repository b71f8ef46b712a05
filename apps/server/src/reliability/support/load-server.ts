/**
 * The server under load, in its own process (spawned by load-server-process.ts with --expose-gc):
 * the API on HTTP with its in-process worker, as `pnpm start` builds it. Its memory is asked for
 * over the IPC channel, so the server itself exposes nothing new.
 * Environment: DATABASE_URL, FLOWLINE_SECRET_KEY (hex), FLOWLINE_CA_FILE, LOAD_WORKER_CONCURRENCY.
 */
import { readFileSync } from 'node:fs';
import { buildApp, logRedactions } from '../../app.js';
import { createDb } from '../../db/prisma.js';

export interface MemorySample {
  rss: number;
  heapUsed: number;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`load-server: ${name} is not set`);
  return value;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('load-server: run with --expose-gc, so memory is measured after a collection');
const databaseUrl = env('DATABASE_URL');
const db = createDb(databaseUrl);
const app = await buildApp({
  db,
  version: 'load',
  secretKey: Buffer.from(env('FLOWLINE_SECRET_KEY'), 'hex'),
  connectionDefaults: { ca: [readFileSync(env('FLOWLINE_CA_FILE'), 'utf8')], allowedHosts: ['127.0.0.1'] },
  // Warnings and errors only (a 5xx is logged at error level), to stderr, which the test forwards.
  logger: { level: 'warn', redact: logRedactions, stream: process.stderr },
});
await app.executions.start({
  databaseUrl,
  worker: true,
  runner: { concurrency: Number(process.env.LOAD_WORKER_CONCURRENCY ?? 20) },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };

process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ type: 'memory', sample: { rss, heapUsed } satisfies MemorySample });
  } else if (message.type === 'stop') {
    void app
      .close()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  }
});
// The test process going away takes the server with it.
process.on('disconnect', () => process.exit(1));
process.send?.({ type: 'ready', port });
