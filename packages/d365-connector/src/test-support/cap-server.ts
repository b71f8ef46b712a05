import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A running SAP CAP service (third-party OData v4 server) on 127.0.0.1. */
export interface CapServer {
  url: string;
  /** OData service root of the catalog service. */
  odataPath: string;
  stop(): Promise<void>;
}

const fixture = fileURLToPath(new URL('../../test-fixtures/cap/', import.meta.url));

/** Starts the CAP fixture in a child process and resolves once it listens. */
export function startCap(): Promise<CapServer> {
  const child: ChildProcess = spawn(process.execPath, ['server.cjs'], {
    cwd: fixture,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test', CDS_LOG_LEVELS_CDS: 'error' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`CAP did not start in 45 s:\n${output}`)), 45_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /\{"port":(\d+)\}/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        odataPath: '/odata/v4/catalog',
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => fail(new Error(`CAP exited with ${code}:\n${output}`)));
  });
}
