import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../db/paths.js';

export interface LocalSandbox {
  url: string;
  /** The tenant its token authority signs in. */
  tenant: string;
  /** Host and port of its token authority (HTTPS), for a connection's authority host. */
  authorityHost: string;
  /** The CA certificate of its HTTPS endpoint, for the connector to trust. */
  caPem: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts the D365 sandbox on `port` (HTTPS on the next one); answers why not when it cannot. */
export async function startLocalSandbox(port: number): Promise<LocalSandbox | { error: string }> {
  const root = repoRoot();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/sandbox/sandbox-child.ts'), String(port)],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true, // Ctrl-C reaches only the server, which stops the sandbox in order
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const line = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 60_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    void exited.then(() => resolve(undefined));
  });
  const answer = line
    ? (JSON.parse(line) as Record<string, unknown>)
    : { error: 'it did not start within 60 s' };
  if (typeof answer.error === 'string') {
    child.kill();
    return { error: answer.error === 'EADDRINUSE' ? `port ${port} or ${port + 1} is in use` : answer.error };
  }
  const clients = answer.clients as { registered: { clientId: string; secret: string } };
  return {
    url: answer.url as string,
    tenant: answer.tenant as string,
    authorityHost: new URL(answer.authority as string).host,
    caPem: readFileSync(answer.caCertPath as string, 'utf8'),
    clientId: clients.registered.clientId,
    clientSecret: clients.registered.secret,
    stop: async () => {
      child.stdin?.end();
      await exited;
    },
  };
}
