import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built server, as `pnpm start` runs it. */
export const SERVER_MAIN = fileURLToPath(new URL('../../../dist/main.mjs', import.meta.url));
/** The built standalone worker, as `pnpm worker` runs it. */
export const WORKER_MAIN = fileURLToPath(new URL('../../../dist/worker.mjs', import.meta.url));

export const ADMIN = { email: 'admin@example.com', password: 'reliability admin password' };

/** Fails with what to do when the server was not built (`npm test` builds before this suite). */
export function requireBuild(): void {
  for (const file of [SERVER_MAIN, WORKER_MAIN])
    if (!existsSync(file))
      throw new Error(
        `${file} is missing: run \`pnpm build\` first (npm test builds before the reliability suite).`,
      );
}

/** A process started by a test, with its output kept for failure messages. */
export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs a built entry point in its own process group (so a kill of the group reaches only it). */
export function startProcess(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Parent pid of every process, from /proc. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(entry), ppid);
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** A process and all its descendants (the server: its PostgreSQL guard, PostgreSQL and its backends). */
export function processTree(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const c of byParent.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}

function groupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

/** Whether a pid runs (a zombie no longer does). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * kill -9 of a whole tree at once: the process, its group and every descendant in other groups
 * (the embedded PostgreSQL runs detached, in its own group). Resolves once none of them runs.
 */
export async function killTree(root: number): Promise<number[]> {
  const pids = processTree(root);
  const groups = new Set<number>();
  const own = groupOf(process.pid);
  for (const pid of pids) {
    const g = groupOf(pid);
    if (g !== undefined && g !== own) groups.add(g);
  }
  for (const g of groups) {
    try {
      process.kill(-g, 'SIGKILL');
    } catch {
      // The group is gone.
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
  const deadline = Date.now() + 20_000;
  while (pids.some(alive)) {
    if (Date.now() > deadline)
      throw new Error(`Processes still running after kill -9: ${pids.filter(alive)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return pids;
}

/** Polls `check` until it answers true. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 60_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}

/** Options of {@link startServer}. */
export interface ServerOptions {
  dataDir: string;
  port: number;
  /** CA of the sandbox's HTTPS endpoint, trusted by the server's connections. */
  caFile: string;
  env?: Record<string, string>;
}

/** The built server on an embedded PostgreSQL in `dataDir`, as `npm start` runs it; resolves once healthy. */
export async function startServer(options: ServerOptions): Promise<Started & { url: string }> {
  requireBuild();
  const url = `http://127.0.0.1:${options.port}`;
  const started = startProcess(
    [SERVER_MAIN, 'start', '--port', String(options.port), '--data-dir', options.dataDir],
    {
      DATABASE_URL: '',
      FLOWLINE_SANDBOX: 'off',
      FLOWLINE_LOG_LEVEL: 'warn',
      FLOWLINE_ADMIN_EMAIL: ADMIN.email,
      FLOWLINE_ADMIN_PASSWORD: ADMIN.password,
      FLOWLINE_ALLOWED_HOSTS: '127.0.0.1',
      NODE_EXTRA_CA_CERTS: options.caFile,
      ...options.env,
    },
  );
  let gone = false;
  void started.exited.then(() => {
    gone = true;
  });
  await until(
    async () => {
      if (gone) throw new Error(`The server exited while starting:\n${started.output()}`);
      try {
        const res = await fetch(`${url}/api/health`);
        return res.ok && ((await res.json()) as { database: { reachable: boolean } }).database.reachable;
      } catch {
        return false;
      }
    },
    'the server to answer /api/health',
    90_000,
  );
  return { ...started, url };
}

/** Connection string of the embedded PostgreSQL a running server keeps in `dataDir`. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = readFileSync(`${dataDir}/postgres-password`, 'utf8').trim();
  // postmaster.pid: pid, data folder, start time, port, ...
  const port = readFileSync(`${dataDir}/postgres/postmaster.pid`, 'utf8').split('\n')[3]!.trim();
  return `postgresql://flowline:${encodeURIComponent(password)}@127.0.0.1:${port}/flowline`;
}
