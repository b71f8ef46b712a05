import { readFileSync } from 'node:fs';
import { type Sandbox, type SandboxOptions, startSandbox } from '@flowline/d365-sandbox';
import type { FnoConnectionConfig } from '../client/config.js';
import { createFnoClient, type FnoClient } from '../client/fno-client.js';

/** A sandbox over HTTPS and a client authenticated with the demo app's secret through its authority. */
export interface SandboxHarness {
  sb: Sandbox;
  client: FnoClient;
  config: FnoConnectionConfig;
  /** Another client on the same sandbox with overrides. */
  clientWith(overrides: Partial<FnoConnectionConfig>): FnoClient;
  stop(): Promise<void>;
}

/** Fast retries for tests (Retry-After still wins when the server sends one). */
export const TEST_RETRY = { baseDelayMs: 5, maxDelayMs: 50, budgetMs: 10_000, defaultRetryAfterMs: 10 };

/** Starts a sandbox and a client for it. */
export async function startHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
  const sb = await startSandbox({ port: 0, https: true, ...options });
  const authorityHost = sb.authority.slice(0, sb.authority.lastIndexOf('/'));
  const config: FnoConnectionConfig = {
    url: sb.url,
    auth: {
      tenantId: sb.tenant,
      clientId: sb.clients.registered.clientId,
      clientSecret: sb.clients.registered.secret,
      authorityHost,
    },
    http: { ca: readFileSync(sb.caCertPath!) },
    retry: TEST_RETRY,
  };
  const clients: FnoClient[] = [];
  const clientWith = (overrides: Partial<FnoConnectionConfig>) => {
    const c = createFnoClient({ ...config, ...overrides });
    clients.push(c);
    return c;
  };
  const client = clientWith({});
  return {
    sb,
    client,
    config,
    clientWith,
    stop: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sb.stop();
    },
  };
}
