import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MemorySample } from './load-server.js';

const serverDir = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = createRequire(new URL('../../../../../package.json', import.meta.url)).resolve('tsx/esm');

export interface LoadServer {
  url: string;
  secretKey: Buffer;
  /** RSS and heap used of the server process, right after a full collection. */
  memory(): Promise<MemorySample>;
  /** Error lines the server logged (pino JSON, level ≥ 50), for the report. */
  errors: string[];
  stop(): Promise<void>;
}

/** An error line of the server's log in one short line (pino JSON, level 50 and up); undefined for others. */
function summary(line: string): string | undefined {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as {
      level: number;
      msg?: string;
      reqId?: string;
      err?: { message?: string };
    };
    if (entry.level < 50) return undefined;
    const message = entry.err?.message?.trim().split('\n').at(-1) ?? '';
    return `${entry.reqId ?? '-'} ${entry.msg ?? ''}: ${message}`.slice(0, 400);
  } catch {
    return line;
  }
}

/**
 * Starts load-server.ts in its own process (node --expose-gc + tsx), so its memory is the server's
 * alone and it does not share an event loop with the clients measuring it.
 */
export async function startLoadServer(options: {
  databaseUrl: string;
  caFile: string;
  workerConcurrency: number;
}): Promise<LoadServer> {
  const secretKey = randomBytes(32);
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', tsx, 'src/reliability/support/load-server.ts'],
    {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        FLOWLINE_SECRET_KEY: secretKey.toString('hex'),
        FLOWLINE_CA_FILE: options.caFile,
        LOAD_WORKER_CONCURRENCY: String(options.workerConcurrency),
      },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    },
  );
  const errors: string[] = [];
  let pending = '';
  proc.stderr!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const short = summary(line);
      if (short) errors.push(short);
      process.stderr.write(`[load-server] ${short ?? line}\n`);
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    proc.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready') resolve(m.port!);
    });
    void exited.then((code) => reject(new Error(`the load server exited with ${code} before listening`)));
  });

  let waiting: ((s: MemorySample) => void)[] = [];
  proc.on('message', (m: { type: string; sample?: MemorySample }) => {
    if (m.type !== 'memory') return;
    const [next, ...rest] = waiting;
    waiting = rest;
    next?.(m.sample!);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    errors,
    memory: () =>
      new Promise((resolve, reject) => {
        if (proc.exitCode !== null) return reject(new Error(`the load server exited with ${proc.exitCode}`));
        waiting.push(resolve);
        proc.send({ type: 'memory' });
      }),
    stop: async () => {
      if (proc.exitCode !== null) return;
      proc.send({ type: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
