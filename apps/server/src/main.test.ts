import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './db/embedded-postgres.js';

// The real start command, as `pnpm start` runs it, against an embedded PostgreSQL in a temporary folder.
const dataDir = mkdtempSync(join(tmpdir(), 'flowline-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts'), ...args], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      FLOWLINE_LOG_LEVEL: 'warn',
      FLOWLINE_ADMIN_EMAIL: 'admin@example.com',
      FLOWLINE_ADMIN_PASSWORD: 'first admin password',
      FLOWLINE_SANDBOX: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** PostgreSQL processes serving our data folder, found through /proc. */
function postgresOf(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('postgres') && cmd.includes(dir) && !cmd.includes('postgres-guard');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Signs in as the administrator the environment created; answers the headers of a signed-in change. */
async function signInOver(port: number): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'first admin password' }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': csrfToken };
}

const healthy = (port: number) => async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return res.ok && ((await res.json()) as { database: { reachable: boolean } }).database.reachable === true;
  } catch {
    return false;
  }
};

// Each case starts the real server (and PostgreSQL): generous timeouts for a busy 2-core machine.
describe('pnpm start', { timeout: 120_000 }, () => {
  it('serves the API, keeps data across restarts, and leaves no PostgreSQL behind after Ctrl-C', async () => {
    const port = await freePort();
    const sandboxPort = await freePort();
    const first = start(['--port', String(port), '--data-dir', dataDir], {
      FLOWLINE_SANDBOX: 'on',
      FLOWLINE_SANDBOX_PORT: String(sandboxPort),
    });
    await waitFor(healthy(port), 'the first start');
    await waitFor(() => first.output().includes('D365 sandbox'), 'the sandbox banner');
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(first.output()).toContain(dataDir);
    expect(first.output()).toContain(`service URL http://127.0.0.1:${sandboxPort}`);
    expect((await fetch(`http://127.0.0.1:${sandboxPort}/data/CustomersV3`)).status).toBe(401);
    let session = await signInOver(port);
    const created = await fetch(`http://127.0.0.1:${port}/api/folders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session },
      body: JSON.stringify({ name: 'Kept across restarts' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(postgresOf(dataDir)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${sandboxPort}/data`)).rejects.toThrow();

    const second = start(['--port', String(port), '--data-dir', dataDir]);
    await waitFor(healthy(port), 'the second start');
    session = await signInOver(port);
    const folders = (await (
      await fetch(`http://127.0.0.1:${port}/api/folders`, { headers: session })
    ).json()) as {
      items: { name: string }[];
    };
    expect(folders.items.map((f) => f.name)).toContain('Kept across restarts');

    // A crash (kill -9) of the server must not leave its database running.
    expect(postgresOf(dataDir).length).toBeGreaterThan(0);
    second.child.kill('SIGKILL');
    await second.exited;
    await waitFor(() => postgresOf(dataDir).length === 0, 'PostgreSQL to stop after the server died', 30_000);
  });

  it('says in one sentence when the port is taken', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const run = start(['--port', String(port), '--data-dir', dataDir]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} is already in use`);
      expect(run.output()).not.toMatch(/\n\s+at /);
      await waitFor(() => postgresOf(dataDir).length === 0, 'PostgreSQL to stop', 30_000);
    } finally {
      blocker.close();
    }
  });

  it.each([
    [
      'a data directory that cannot be written',
      ['--data-dir', '/etc/hostname/flowline'],
      {},
      'cannot be written',
    ],
    [
      'an unreachable DATABASE_URL',
      [],
      { DATABASE_URL: 'postgresql://u:secret@127.0.0.1:1/db' },
      'Cannot reach the database',
    ],
    ['a bad port', ['--port', 'abc'], {}, 'is not a number'],
  ])('says in one sentence what is wrong with %s', async (_what, args, env, message) => {
    const run = start(['--port', '0', ...args], env);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(message);
    expect(run.output()).not.toContain('secret');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});
