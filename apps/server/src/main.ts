/**
 * `pnpm start`: opens the database (embedded PostgreSQL unless DATABASE_URL is set), applies the
 * migrations and serves the API and the web app. `migrate` only applies the migrations.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, logRedactions } from './app.js';
import { prepareFirstAdmin } from './auth/first-admin.js';
import { loadSecretKey } from './components/secrets.js';
import { type Config, readConfig, redactUrl, runnerTuning } from './config.js';
import { type Database, openDatabase } from './database.js';
import { createDb, type Db } from './db/prisma.js';
import { FlowlineStartError } from './errors/start-error.js';
import { type LocalSandbox, startLocalSandbox } from './sandbox/local-sandbox.js';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const database = await openDatabase(config.databaseUrl, config.dataDir);
  if (config.command === 'migrate') {
    console.log(`Migrations applied: ${database.appliedNow.join(', ') || 'none were pending'}.`);
    await database.embedded?.stop();
    return;
  }
  const sandbox = config.sandboxPort === undefined ? undefined : await startLocalSandbox(config.sandboxPort);
  const db = createDb(database.url);
  let app: FastifyInstance | undefined;
  const stop = stopper(() => app, db, database, sandbox && 'stop' in sandbox ? sandbox : undefined);
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  void database.embedded?.exited.then((code) =>
    stop(
      1,
      `The embedded PostgreSQL stopped unexpectedly (exit code ${code}); see ${database.embedded?.logFile}.`,
    ),
  );

  const setupToken = await prepareFirstAdmin(db, process.env);
  const started = sandbox && 'caPem' in sandbox ? sandbox : undefined;
  app = await buildApp({
    db,
    secretKey: loadSecretKey(process.env, join(config.dataDir, 'secret.key')),
    connectionDefaults: started
      ? { ca: [started.caPem], allowedHosts: allowedHosts(new URL(started.url).host, started.authorityHost) }
      : {},
    // An authority on the local sandbox is trusted through the sandbox's own CA.
    sso:
      config.sso && started && new URL(config.sso.authority).host === started.authorityHost
        ? { ...config.sso, ca: config.sso.ca ?? started.caPem }
        : config.sso,
    sandbox: started,
    setupToken,
    version: config.version,
    webRoot: config.webRoot,
    logger: { level: config.logLevel, redact: logRedactions },
  });
  // Executions: the queue in this database, and a worker here unless FLOWLINE_WORKER=off.
  await app.executions.start({
    databaseUrl: database.url,
    worker: process.env.FLOWLINE_WORKER !== 'off',
    // The same tuning as `pnpm worker`: how soon a crashed worker's executions are noticed.
    runner: runnerTuning(process.env),
  });
  await listen(app, config);
  printBanner(config, database);
  if (sandbox) printSandbox(sandbox);
  if (setupToken) {
    console.log(
      `  First start: create the administrator at ${baseUrl(config)}/setup?token=${setupToken.value}\n`,
    );
  }
}

function baseUrl(config: Config): string {
  const address = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  return `http://${address}:${config.port}`;
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new FlowlineStartError(
        `Port ${config.port} is already in use: stop what uses it, or choose another port with --port or PORT.`,
      );
    }
    if (code === 'EACCES')
      throw new FlowlineStartError(`Port ${config.port} needs privileges: choose a port above 1023.`);
    throw e;
  }
}

function printBanner(config: Config, database: Database): void {
  console.log(`\nFlowline ${config.version} is running at ${baseUrl(config)}`);
  console.log(`  API documentation: ${baseUrl(config)}/api/docs`);
  if (database.embedded) {
    console.log(`  Data: ${config.dataDir} (embedded PostgreSQL at ${redactUrl(database.url)})`);
  } else {
    console.log(`  Database: ${redactUrl(database.url)}`);
  }
  console.log('  Press Ctrl-C to stop.\n');
}

/** FLOWLINE_ALLOWED_HOSTS, plus the local sandbox the start command runs. */
function allowedHosts(...sandboxHosts: string[]): string[] {
  return [...(process.env.FLOWLINE_ALLOWED_HOSTS ?? '').split(','), ...sandboxHosts].filter(Boolean);
}

function printSandbox(sandbox: LocalSandbox | { error: string }): void {
  if ('error' in sandbox) {
    console.log(
      `  D365 sandbox not started: ${sandbox.error} (set FLOWLINE_SANDBOX_PORT, or FLOWLINE_SANDBOX=off).\n`,
    );
    return;
  }
  console.log(`  D365 sandbox (a local F&O simulator): ${sandbox.url}`);
  console.log('    connect to it in one click: Components page, "Connect to the local sandbox"');
  console.log('    or start from an example process: Components page, "Create an example process"');
  console.log(
    `    or by hand: service URL ${sandbox.url}, tenant ${sandbox.tenant}, client id ${sandbox.clientId}, client secret ${sandbox.clientSecret}, authority host ${sandbox.authorityHost}\n`,
  );
}

function stopper(app: () => FastifyInstance | undefined, db: Db, database: Database, sandbox?: LocalSandbox) {
  let stopping = false;
  return async (code: number, reason?: string) => {
    if (stopping) {
      // A second Ctrl-C means "now"; PostgreSQL still stops, through its guard.
      if (!reason) process.exit(code || 1);
      return;
    }
    stopping = true;
    if (reason) console.error(reason);
    console.log('\nStopping Flowline...');
    await app()
      ?.close()
      .catch(() => {});
    await db.$disconnect().catch(() => {});
    await sandbox?.stop();
    await database.embedded?.stop();
    process.exit(code);
  };
}

main().catch((e: unknown) => {
  if (e instanceof FlowlineStartError) {
    console.error(`Flowline cannot start: ${e.message}`);
  } else {
    console.error('Flowline failed to start:', e);
  }
  process.exit(1);
});
