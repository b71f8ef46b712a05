import { describe, expect, it } from 'vitest';
import { toConnectorConfig } from './connection-config.js';

describe('toConnectorConfig', () => {
  const body = {
    schemaVersion: 1 as const,
    serviceUrl: 'https://contoso.operations.dynamics.com',
    auth: { kind: 'clientSecret' as const, tenant: 'contoso', clientId: 'app', clientSecret: { set: true } },
    proxy: { url: 'http://proxy.contoso.com:8080', username: 'flow', noProxy: ['.contoso.com'] },
    timeouts: { connectMs: 2_000 },
  };
  const secrets = new Map([
    ['/auth/clientSecret', 'app secret'],
    ['/proxy/password', 'proxy secret'],
  ]);

  it("gives the connector the connection's proxy, its password and its bypass list, and the timeouts", () => {
    const { http } = toConnectorConfig('Contoso', body, secrets);
    expect(http?.proxy).toEqual({
      url: 'http://proxy.contoso.com:8080',
      username: 'flow',
      password: 'proxy secret',
      noProxy: ['.contoso.com'],
    });
    expect(http?.connectTimeoutMs).toBe(2_000);
  });

  it('names the field a connection lacks', () => {
    expect(() => toConnectorConfig('Contoso', { ...body, auth: undefined }, secrets)).toThrow(
      'Connection "Contoso" has no authentication: set /auth first.',
    );
  });
});
