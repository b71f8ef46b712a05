import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readSsoConfig, type SsoConfig } from './auth/sso-config.js';
import { repoRoot } from './db/paths.js';
import { FlowlineStartError } from './errors/start-error.js';

export interface Config {
  command: 'start' | 'migrate';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  webRoot: string;
  logLevel: string;
  version: string;
  /** Port of the local D365 sandbox (HTTPS on the next one); undefined when it is off. */
  sandboxPort?: number;
  /** Single sign-on with Entra ID (FLOWLINE_SSO_*); undefined when off. */
  sso?: SsoConfig;
}

const usage = `Usage: pnpm start [-- --port <n>] [--host <addr>] [--data-dir <folder>] [--no-sandbox]
Environment: PORT, FLOWLINE_HOST, FLOWLINE_DATA_DIR, DATABASE_URL, FLOWLINE_LOG_LEVEL,
             FLOWLINE_SANDBOX (on|off), FLOWLINE_SANDBOX_PORT, FLOWLINE_SSO_* (single sign-on, see README)`;

/** Reads the command line and the environment; a bad value stops with one sentence. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new FlowlineStartError(`${(e as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'start';
  if (command !== 'start' && command !== 'migrate')
    throw new FlowlineStartError(`Unknown command "${command}".\n${usage}`);
  const portText = values.port ?? env.PORT ?? env.FLOWLINE_PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FlowlineStartError(`The port "${portText}" is not a number between 0 and 65535.`);
  }
  const root = repoRoot();
  return {
    command,
    port,
    host: values.host ?? env.FLOWLINE_HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? env.FLOWLINE_DATA_DIR ?? join(root, '.flowline'),
    databaseUrl: env.DATABASE_URL || undefined,
    webRoot: join(root, 'apps', 'web', 'dist'),
    logLevel: env.FLOWLINE_LOG_LEVEL ?? 'info',
    sandboxPort: sandboxPort(values['no-sandbox'] === true, env),
    sso: readSsoConfig(env),
    version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-sandbox': { type: 'boolean' },
    },
  });
}

function sandboxPort(off: boolean, env: NodeJS.ProcessEnv): number | undefined {
  if (off || env.FLOWLINE_SANDBOX === 'off') return undefined;
  const port = Number(env.FLOWLINE_SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65534) {
    throw new FlowlineStartError(
      `FLOWLINE_SANDBOX_PORT "${env.FLOWLINE_SANDBOX_PORT}" is not a port number.`,
    );
  }
  return port;
}

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** How executions are run (FLOWLINE_WORKER_CONCURRENCY, FLOWLINE_HEARTBEAT_MS, FLOWLINE_STALE_AFTER_MS), same for `pnpm start` and `pnpm worker`. */
export function runnerTuning(env: NodeJS.ProcessEnv): {
  concurrency?: number;
  heartbeatMs?: number;
  staleAfterMs?: number;
} {
  const positive = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new FlowlineStartError(`${name} "${text}" is not a positive number.`);
    return value;
  };
  const concurrency = positive('FLOWLINE_WORKER_CONCURRENCY');
  const heartbeatMs = positive('FLOWLINE_HEARTBEAT_MS');
  const staleAfterMs = positive('FLOWLINE_STALE_AFTER_MS');
  return {
    ...(concurrency ? { concurrency } : {}),
    ...(heartbeatMs ? { heartbeatMs } : {}),
    ...(staleAfterMs ? { staleAfterMs } : {}),
  };
}
