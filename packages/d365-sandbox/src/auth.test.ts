import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from './auth/jwt.js';
import { fetchToken, startTestSandbox, type TestSandbox } from './test-support.js';

const run = promisify(execFile);
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ https: true });
});
afterAll(() => t.sb.stop());

const odata = (token?: string) =>
  fetch(`${t.sb.odataUrl}/CustomersV3?$top=1`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('token service', () => {
  it('publishes OIDC metadata and a JWKS that verifies its tokens', async () => {
    const oidc = (await (
      await fetch(`${t.sb.url}/sandbox/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(oidc.token_endpoint).toBe(`${t.sb.url}/sandbox/oauth2/v2.0/token`);
    const jwks = (await (await fetch(oidc.jwks_uri!)).json()) as { keys: { kid: string; kty: string }[] };
    const claims = decodeJwt(t.token)!;
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: claims.header.kid });
    expect(claims.header.alg).toBe('RS256');
    const { createPublicKey, verify } = await import('node:crypto');
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    expect(verify('sha256', Buffer.from(claims.signed), key, claims.signature)).toBe(true);
  });

  it('issues tokens whose audience is the environment URL without a trailing slash', async () => {
    const claims = decodeJwt(t.token)!.claims;
    expect(claims.aud).toBe(t.sb.url);
    expect(claims.appid).toBe('flowline-demo');
  });

  it('refuses a wrong secret, an unknown client and a foreign scope like Entra', async () => {
    const bad = await fetchToken(t.sb, 'flowline-demo', 'wrong');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error_description: string }).error_description).toMatch(/^AADSTS7000215/);
    const unknown = await fetchToken(t.sb, 'nobody', 'x');
    expect(((await unknown.json()) as { error: string }).error).toBe('unauthorized_client');
    const scope = await fetchToken(
      t.sb,
      'flowline-demo',
      'flowline-demo-secret',
      'https://erp.dynamics.com/.default',
    );
    expect(scope.status).toBe(400);
  });
});

describe('OData authentication', () => {
  it('answers 401 with WWW-Authenticate without a token or with a bad one', async () => {
    const none = await odata();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
    expect((await odata('not.a.token')).status).toBe(401);
    const tampered = `${t.token.slice(0, -4)}AAAA`;
    expect((await odata(tampered)).status).toBe(401);
  });

  it('answers 401 for a token issued with a trailing-slash resource', async () => {
    const res = await fetchToken(t.sb, 'flowline-demo', 'flowline-demo-secret', `${t.sb.url}//.default`);
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect(decodeJwt(access_token)!.claims.aud).toBe(`${t.sb.url}/`);
    expect((await odata(access_token)).status).toBe(401);
  });

  it('answers 403 for an app that Entra knows but F&O does not', async () => {
    const res = await fetchToken(t.sb, 'unregistered-app', 'unregistered-secret');
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect((await odata(access_token)).status).toBe(403);
  });

  it('scopes data to the default company of each registered client', async () => {
    t.sb.registerClient({ clientId: 'gb-app', secret: 'gb-secret', defaultCompany: 'gbsi' });
    const { access_token } = (await (await fetchToken(t.sb, 'gb-app', 'gb-secret')).json()) as {
      access_token: string;
    };
    const body = (await (await odata(access_token)).json()) as { value: { dataAreaId: string }[] };
    expect(body.value[0]!.dataAreaId).toBe('gbsi');
  });
});

describe('msal-node against the HTTPS authority', () => {
  const msal = async (extra: Record<string, unknown>) => {
    const cfg = { authority: t.sb.authority, environment: t.sb.url, odataUrl: t.sb.odataUrl, ...extra };
    const fixture = new URL('../test-fixtures/msal-client.mjs', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [fixture, JSON.stringify(cfg)], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: t.sb.caCertPath },
    });
    return JSON.parse(stdout) as { status?: number; first?: string; error?: string };
  };

  it('serves https with a CA written to a file', () => {
    expect(t.sb.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    expect(t.sb.caCertPath).toMatch(/ca\.pem$/);
  });

  it('serves OData over HTTPS with the generated certificate', async () => {
    const ca = readFileSync(t.sb.caCertPath!);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        `${t.sb.httpsUrl}/data/CustomerGroups?$top=1`,
        { ca, headers: { authorization: `Bearer ${t.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it('obtains a token with a client secret and reads CustomersV3', async () => {
    expect(await msal({ clientId: 'flowline-demo', secret: 'flowline-demo-secret' })).toEqual({
      status: 200,
      first: 'USMF-000001',
      tokenType: 'Bearer',
    });
  }, 20000);

  it('obtains a token with a certificate-signed client assertion', async () => {
    const certificate = await t.sb.createClientCertificate('flowline-cert-app');
    expect(await msal({ clientId: 'flowline-cert-app', certificate })).toMatchObject({
      status: 200,
      first: 'USMF-000001',
    });
    const other = await msal({ clientId: 'flowline-demo', certificate });
    expect(other.error).toBeDefined();
  }, 20000);
});
