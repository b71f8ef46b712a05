import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { AuthCodes } from './auth-codes.js';
import { redirectUriMatches } from './clients.js';
import { decodeJwt } from './jwt.js';
import type { ResolvedUser } from './test-users.js';

let sb: Sandbox;
const CLIENT = 'sso-test-app';
const SECRET = 'sso-test-secret';
const REDIRECT = 'https://flowline.example/api/auth/sso/callback';

beforeAll(async () => {
  sb = await startSandbox({
    seedSize: { CustomersV3: 5, VendorsV2: 5, ReleasedProductsV2: 5, SalesOrderHeadersV2: 5 },
    testUsers: [
      { username: 'first@sandbox.test', name: 'First Person' },
      { username: 'Mixed.Case@sandbox.test', name: 'Mixed', email: 'mixed@corp.example' },
      { username: 'gone@sandbox.test', name: 'Gone', disabled: true },
    ],
  });
  sb.registerClient({ clientId: CLIENT, secret: SECRET, redirectUris: [REDIRECT], fnoRegistered: false });
});
afterAll(() => sb.stop());

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const authorize = (params: Record<string, string>) =>
  fetch(`${sb.authority}/oauth2/v2.0/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });

/** Runs the authorize step and answers the parameters it redirected back with. */
async function codeFor(extra: Record<string, string> = {}, challenge?: string) {
  const res = await authorize({
    client_id: CLIENT,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile email offline_access',
    state: 'st-1',
    nonce: 'n-1',
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
    ...extra,
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return location.searchParams;
}

const redeem = (params: Record<string, string>) =>
  fetch(`${sb.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT,
      client_secret: SECRET,
      redirect_uri: REDIRECT,
      scope: 'openid profile email',
      ...params,
    }),
  });

const aadCode = async (res: Response) => {
  const body = (await res.json()) as { error: string; error_description: string; error_codes: number[] };
  return {
    status: res.status,
    error: body.error,
    code: body.error_codes[0],
    description: body.error_description,
  };
};

describe('authorization code flow with PKCE', () => {
  it('signs in the default user and answers an id_token the JWKS verifies, with every claim', async () => {
    const { verifier, challenge } = pkce();
    const back = await codeFor({}, challenge);
    expect(back.get('state')).toBe('st-1');
    const res = await redeem({ code: back.get('code')!, code_verifier: verifier });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.token_type).toBe('Bearer');
    const jwt = decodeJwt(body.id_token!)!;
    const oidc = (await (
      await fetch(`${sb.authority}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    const jwks = (await (await fetch(oidc.jwks_uri!)).json()) as { keys: { kid: string }[] };
    const jwk = jwks.keys.find((k) => k.kid === jwt.header.kid)!;
    expect(jwt.header.alg).toBe('RS256');
    expect(
      verify(
        'sha256',
        Buffer.from(jwt.signed),
        createPublicKey({ key: jwk as never, format: 'jwk' }),
        jwt.signature,
      ),
    ).toBe(true);
    const now = Date.now() / 1000;
    expect(jwt.claims).toMatchObject({
      aud: CLIENT,
      iss: oidc.issuer,
      tid: 'sandbox',
      nonce: 'n-1',
      name: 'First Person',
      preferred_username: 'first@sandbox.test',
      email: 'first@sandbox.test',
      oid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/),
    });
    expect(Number(jwt.claims.exp)).toBeGreaterThan(now);
    expect(oidc.authorization_endpoint).toBe(`${sb.authority}/oauth2/v2.0/authorize`);
    const info = JSON.parse(Buffer.from(body.client_info!, 'base64url').toString()) as Record<string, string>;
    expect(info).toEqual({ uid: jwt.claims.oid, utid: 'sandbox' });
  });

  it('signs in the user named by login_hint, whatever its case, with a stable object id', async () => {
    const ids: unknown[] = [];
    for (const hint of ['mixed.case@sandbox.test', 'MIXED.CASE@SANDBOX.TEST']) {
      const back = await codeFor({ login_hint: hint });
      const body = (await (await redeem({ code: back.get('code')! })).json()) as { id_token: string };
      const claims = decodeJwt(body.id_token)!.claims;
      expect(claims).toMatchObject({
        email: 'mixed@corp.example',
        preferred_username: 'Mixed.Case@sandbox.test',
      });
      ids.push(claims.oid);
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it('refuses a wrong or missing code_verifier, and the code is gone afterwards', async () => {
    const { challenge } = pkce();
    const wrong = await redeem({
      code: (await codeFor({}, challenge)).get('code')!,
      code_verifier: pkce().verifier,
    });
    expect(await aadCode(wrong)).toMatchObject({ status: 400, error: 'invalid_grant', code: 50148 });
    const code = (await codeFor({}, challenge)).get('code')!;
    const none = await redeem({ code });
    expect(await aadCode(none)).toMatchObject({ status: 400, error: 'invalid_request', code: 900144 });
    expect((await aadCode(await redeem({ code, code_verifier: 'x' }))).code).toBe(54005);
  });

  it('refuses a replayed code', async () => {
    const { verifier, challenge } = pkce();
    const code = (await codeFor({}, challenge)).get('code')!;
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(200);
    const again = await aadCode(await redeem({ code, code_verifier: verifier }));
    expect(again).toMatchObject({ status: 400, error: 'invalid_grant', code: 54005 });
    expect(again.description).toMatch(/^AADSTS54005: OAuth2 Authorization code was already redeemed/);
  });

  it('binds a code to its client and redirect URI, and refuses unknown codes and wrong secrets', async () => {
    const other = await redeem({
      code: (await codeFor()).get('code')!,
      client_id: sb.clients.sso.clientId,
      client_secret: sb.clients.sso.secret,
    });
    expect(await aadCode(other)).toMatchObject({ error: 'invalid_grant', code: 70000 });
    const elsewhere = await redeem({
      code: (await codeFor()).get('code')!,
      redirect_uri: 'https://evil.example/cb',
    });
    expect(await aadCode(elsewhere)).toMatchObject({ error: 'invalid_grant', code: 500112 });
    expect((await aadCode(await redeem({ code: 'made-up' }))).code).toBe(70000);
    const secret = await redeem({ code: (await codeFor()).get('code')!, client_secret: 'wrong' });
    expect(await aadCode(secret)).toMatchObject({ status: 401, error: 'invalid_client', code: 7000215 });
  });

  it('shows an error page, without redirecting, for an unknown client or an unregistered redirect URI', async () => {
    const unknown = await authorize({
      client_id: 'nobody',
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'openid',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    expect(await unknown.text()).toMatch(
      /AADSTS700016: Application with identifier &#39;nobody&#39; was not found/,
    );
    const foreign = await authorize({
      client_id: CLIENT,
      response_type: 'code',
      redirect_uri: 'https://evil.example/cb',
      scope: 'openid',
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toMatch(
      /AADSTS50011: The redirect URI &#39;https:\/\/evil.example\/cb&#39;/,
    );
  });

  it('redirects errors back with the state: unknown or disabled user, plain PKCE, missing scope', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ login_hint: 'nobody@sandbox.test' }, 'access_denied', 'AADSTS50034'],
      [{ login_hint: 'gone@sandbox.test' }, 'access_denied', 'AADSTS50057'],
      [
        { code_challenge: pkce().challenge, code_challenge_method: 'plain' },
        'invalid_request',
        'AADSTS70011',
      ],
      [{ scope: '' }, 'invalid_request', 'AADSTS900144'],
      [{ response_type: 'token' }, 'unsupported_response_type', 'AADSTS700054'],
    ];
    for (const [extra, error, code] of cases) {
      const back = await codeFor(extra);
      expect(back.get('error')).toBe(error);
      expect(back.get('error_description')).toMatch(new RegExp(`^${code}: `));
      expect(back.get('state')).toBe('st-1');
      expect(back.get('code')).toBeNull();
    }
  });

  it('accepts the demo SSO app on any loopback port, as Entra ignores the port of localhost', async () => {
    const { clientId, redirectUris } = sb.clients.sso;
    expect(redirectUriMatches(redirectUris, 'http://localhost:3170/api/auth/sso/callback')).toBe(true);
    expect(redirectUriMatches(redirectUris, 'http://127.0.0.1:9/api/auth/sso/callback')).toBe(true);
    expect(redirectUriMatches(redirectUris, 'http://localhost:3170/other')).toBe(false);
    expect(redirectUriMatches(redirectUris, 'http://evil.example/api/auth/sso/callback')).toBe(false);
    expect(redirectUriMatches([REDIRECT], 'https://flowline.example:444/api/auth/sso/callback')).toBe(false);
    const res = await authorize({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: 'http://localhost:41234/api/auth/sso/callback',
      scope: 'openid',
    });
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:41234\/api\/auth\/sso\/callback\?code=/);
  });
});

describe('authorization codes', () => {
  const user: ResolvedUser = {
    username: 'u',
    name: 'U',
    email: 'u',
    oid: 'o',
    tenantId: 't',
    disabled: false,
  };
  it('expire after their lifetime and are single use', () => {
    let now = 1_000_000;
    const codes = new AuthCodes(() => now, 60_000);
    const grant = { clientId: 'c', redirectUri: 'r', scope: 'openid', user };
    const late = codes.issue(grant);
    const fresh = codes.issue(grant);
    now += 60_000;
    expect(codes.take(late)).toBe('expired');
    expect(codes.take(late)).toBe('redeemed');
    now -= 1;
    expect(codes.take(fresh)).toMatchObject({ clientId: 'c' });
    expect(codes.take(fresh)).toBe('redeemed');
    expect(codes.take('unknown')).toBeUndefined();
  });
});
