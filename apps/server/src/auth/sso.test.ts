import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import type { FastifyInstance } from 'fastify';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Db } from '../db/prisma.js';
import { testDb } from '../test/test-db.js';
import type { SsoConfig } from './sso-config.js';
import { type Hop, TestBrowser } from './sso-test-support.js';

const CLIENT = 'flowline-sso-test';
const SECRET = `sso-secret-${randomBytes(12).toString('hex')}`;
const WRONG_SECRET = `wrong-secret-${randomBytes(12).toString('hex')}`;
const USERS = {
  known: 'ada@sandbox.test',
  newcomer: 'new.person@sandbox.test',
  disabled: 'disabled@sandbox.test',
  guest: 'guest@other.test',
  claimed: 'claimed@sandbox.test',
};

let sb: Sandbox;
let db: Db;
let drop: () => Promise<void>;
let dispatcher: Agent;
const logs: string[] = [];
const apps: FastifyInstance[] = [];
/** Flowline servers on random ports: with a default role, without one, and with a wrong secret. */
const origin: Record<'open' | 'closed' | 'wrongSecret', string> = { open: '', closed: '', wrongSecret: '' };

async function serve(sso: Partial<SsoConfig>): Promise<string> {
  const app = await buildApp({
    db,
    version: '0.0.0-test',
    secretKey: randomBytes(32),
    logger: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } },
    sso: {
      clientId: CLIENT,
      clientSecret: SECRET,
      tenantId: 'sandbox',
      authority: sb.authority,
      ca: readFileSync(sb.caCertPath!, 'utf8'),
      ...sso,
    },
  });
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  [sb, { db, drop }] = await Promise.all([
    startSandbox({
      https: true,
      seedSize: { CustomersV3: 5, VendorsV2: 5, ReleasedProductsV2: 5, SalesOrderHeadersV2: 5 },
      testUsers: [
        { username: USERS.known, name: 'Ada' },
        { username: USERS.newcomer, name: 'New Person' },
        { username: USERS.disabled, name: 'Disabled' },
        { username: USERS.guest, name: 'Guest', tenantId: 'other-tenant' },
        { username: USERS.claimed, name: 'Claimed' },
      ],
    }),
    testDb(),
  ]);
  sb.registerClient({
    clientId: CLIENT,
    secret: SECRET,
    redirectUris: ['http://127.0.0.1/api/auth/sso/callback'],
    fnoRegistered: false,
  });
  dispatcher = new Agent({ connect: { ca: [...rootCertificates, readFileSync(sb.caCertPath!, 'utf8')] } });
  await db.user.create({ data: { email: USERS.known, name: 'Ada', role: 'designer' } });
  await db.user.create({ data: { email: USERS.disabled, name: 'Disabled', role: 'viewer', disabled: true } });
  await db.user.create({
    data: { email: USERS.claimed, name: 'Claimed', role: 'designer', entraObjectId: 'another-object-id' },
  });
  origin.open = await serve({ defaultRole: 'viewer' });
  origin.closed = await serve({});
  origin.wrongSecret = await serve({ clientSecret: WRONG_SECRET });
}, 60_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await dispatcher?.close();
  await sb?.stop();
  await drop?.();
});

const startUrl = (base: string, loginHint: string, returnTo = '/components') =>
  `${base}/api/auth/sso/start?${new URLSearchParams({ loginHint, returnTo })}`;

/** The reason the sign-in page would show after a failed attempt. */
async function shownError(browser: TestBrowser, base: string, hop: Hop) {
  expect(hop.status).toBe(302);
  const back = new URL(hop.location!, base);
  expect(back.pathname).toBe('/');
  const status = await browser.get(`${base}/api/auth/sso?error=${back.searchParams.get('sso_error')}`);
  return (JSON.parse(status.body) as { error?: { step: string; message: string } }).error;
}

const me = async (browser: TestBrowser, base: string) => {
  const hop = await browser.get(`${base}/api/auth/me`);
  return { status: hop.status, body: hop.status === 200 ? JSON.parse(hop.body) : undefined };
};

describe('single sign-on with Entra ID (sandbox authority over HTTPS)', () => {
  it('says whether it is on', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    expect(JSON.parse((await browser.get(`${origin.open}/api/auth/sso`)).body)).toEqual({ enabled: true });
  });

  it('signs a known person in: start → authorize → callback → a working session', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    const start = await browser.get(startUrl(origin.open, USERS.known));
    expect(start.status).toBe(302);
    const authorize = new URL(start.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sb.authority}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT,
      response_type: 'code',
      redirect_uri: `${origin.open}/api/auth/sso/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
      login_hint: USERS.known,
    });
    const flowCookie = start.setCookies.find((c) => c.startsWith('flowline_sso='))!;
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Path=\/api\/auth\/sso/);

    const callback = await browser.follow(start.location!);
    expect(new URL(callback.url).pathname).toBe('/api/auth/sso/callback');
    expect(callback.status).toBe(302);
    expect(callback.location).toBe('/components');
    expect(callback.setCookies.join('\n')).toMatch(/flowline_session=.+SameSite=Strict/);
    expect(browser.cookies.has('flowline_sso')).toBe(false);
    const code = new URL(callback.url).searchParams.get('code')!;
    expect(code.length).toBeGreaterThan(20);
    expect(logs.some((line) => line.includes(code))).toBe(false);
    const session = await me(browser, origin.open);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: USERS.known, role: 'designer' });
    const entry = await db.auditEntry.findFirst({ where: { action: 'sso sign-in', userEmail: USERS.known } });
    expect(entry?.detail).toMatchObject({ tid: 'sandbox', oid: expect.any(String) });
    // The first sign-in links the account to the object id; later ones find it by that id, even after
    // the address changes.
    const { oid } = (entry?.detail ?? {}) as { oid?: string };
    expect((await db.user.findUniqueOrThrow({ where: { email: USERS.known } })).entraObjectId).toBe(oid);
    await db.user.update({ where: { email: USERS.known }, data: { email: 'ada.renamed@sandbox.test' } });
    const again = new TestBrowser(origin.open, dispatcher);
    await again.follow(startUrl(origin.open, USERS.known));
    expect((await me(again, origin.open)).body.user).toMatchObject({ email: 'ada.renamed@sandbox.test' });
    await db.user.update({ where: { email: 'ada.renamed@sandbox.test' }, data: { email: USERS.known } });
  });

  it('refuses a forged state, and a callback without the sign-in cookie', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    const forged = await browser.follow(startUrl(origin.open, USERS.known), (next) => {
      if (next.pathname.endsWith('/callback')) next.searchParams.set('state', 'forged');
      return next;
    });
    const callback = browser.hops.at(-1)!;
    expect(callback.url).toMatch(/\/callback\?/);
    expect(forged.status).toBe(302);
    expect(await shownError(browser, origin.open, forged)).toMatchObject({
      step: 'state',
      message: expect.stringMatching(/state mismatch/),
    });
    expect((await me(browser, origin.open)).status).toBe(401);

    const stranger = new TestBrowser(origin.open, dispatcher);
    const res = await stranger.get(callback.url.replace('state=forged', 'state=x'));
    expect(await shownError(stranger, origin.open, res)).toMatchObject({
      step: 'state',
      message: expect.stringMatching(/No sign-in was in progress/),
    });
    const refused = await db.auditEntry.count({ where: { action: 'sso sign-in refused' } });
    expect(refused).toBeGreaterThanOrEqual(2);
  });

  it('refuses a replayed code with the AADSTS code Entra gives', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    let callbackUrl = '';
    let flow = '';
    await browser.follow(startUrl(origin.open, USERS.known), (next) => {
      if (next.pathname.endsWith('/callback')) {
        callbackUrl = next.toString();
        flow = browser.cookies.get('flowline_sso')!;
      }
      return next;
    });
    expect((await me(browser, origin.open)).status).toBe(200);
    const attacker = new TestBrowser(origin.open, dispatcher);
    attacker.cookies.set('flowline_sso', flow);
    const replay = await attacker.get(callbackUrl);
    expect(await shownError(attacker, origin.open, replay)).toMatchObject({
      step: 'token',
      message: expect.stringMatching(
        /invalid_grant: AADSTS54005: OAuth2 Authorization code was already redeemed/,
      ),
    });
    expect(attacker.cookies.has('flowline_session')).toBe(false);
  });

  it('refuses an id_token whose nonce is not ours, and a code whose PKCE challenge is not ours', async () => {
    for (const [param, pattern] of [
      ['nonce', /nonce_mismatch/],
      ['code_challenge', /AADSTS50148: The code_verifier does not match/],
    ] as const) {
      const browser = new TestBrowser(origin.open, dispatcher);
      const end = await browser.follow(startUrl(origin.open, USERS.known), (next) => {
        if (next.pathname.endsWith('/authorize')) {
          next.searchParams.set(param, param === 'nonce' ? 'other-nonce' : 'A'.repeat(43));
        }
        return next;
      });
      expect(await shownError(browser, origin.open, end)).toMatchObject({
        step: 'token',
        message: expect.stringMatching(pattern),
      });
      expect(browser.cookies.has('flowline_session')).toBe(false);
    }
  });

  it('creates a newcomer with the default role, and refuses one when no default role is set', async () => {
    const closed = new TestBrowser(origin.closed, dispatcher);
    const refused = await closed.follow(startUrl(origin.closed, USERS.newcomer));
    expect(await shownError(closed, origin.closed, refused)).toEqual({
      step: 'account',
      message: `${USERS.newcomer} has no Flowline account: ask an administrator to create one.`,
    });
    expect(await db.user.findUnique({ where: { email: USERS.newcomer } })).toBeNull();
    const audit = await db.auditEntry.findFirst({
      where: { action: 'sso sign-in refused', detail: { path: ['email'], equals: USERS.newcomer } },
    });
    expect(audit?.detail).toMatchObject({ step: 'account' });

    const open = new TestBrowser(origin.open, dispatcher);
    await open.follow(startUrl(origin.open, USERS.newcomer));
    const session = await me(open, origin.open);
    expect(session.body.user).toMatchObject({ email: USERS.newcomer, name: 'New Person', role: 'viewer' });
    const created = await db.user.findUniqueOrThrow({ where: { email: USERS.newcomer } });
    expect(created.passwordHash).toBeNull();
    expect(created.entraObjectId).toEqual(expect.any(String));
    const entry = await db.auditEntry.findFirst({
      where: { action: 'user created', userEmail: USERS.newcomer },
    });
    expect(entry?.detail).toMatchObject({ role: 'viewer', via: 'single sign-on' });
  });

  it('refuses a disabled account, an account of another tenant and a person Entra does not know', async () => {
    const cases: [string, string, RegExp][] = [
      [USERS.disabled, 'account', /The Flowline account disabled@sandbox.test is disabled/],
      [USERS.guest, 'tenant', /tenant 'other-tenant'; only people of the tenant 'sandbox' may sign in/],
      [USERS.claimed, 'account', /claimed@sandbox.test belongs to another Microsoft account/],
      [
        'nobody@sandbox.test',
        'authorize',
        /access_denied: AADSTS50034: The user account nobody@sandbox.test does not exist/,
      ],
    ];
    for (const [hint, step, message] of cases) {
      const browser = new TestBrowser(origin.open, dispatcher);
      const end = await browser.follow(startUrl(origin.open, hint));
      expect(await shownError(browser, origin.open, end)).toMatchObject({
        step,
        message: expect.stringMatching(message),
      });
      expect((await me(browser, origin.open)).status).toBe(401);
    }
  });

  it('says which step failed with a wrong client secret, and the secret appears nowhere', async () => {
    const browser = new TestBrowser(origin.wrongSecret, dispatcher);
    const end = await browser.follow(startUrl(origin.wrongSecret, USERS.known));
    expect(await shownError(browser, origin.wrongSecret, end)).toMatchObject({
      step: 'token',
      message: expect.stringMatching(/invalid_client: AADSTS7000215: Invalid client secret provided/),
    });
    const answers = browser.hops.map((h) => `${h.url} ${h.location} ${h.setCookies.join()} ${h.body}`);
    const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const rows: string[] = [];
    for (const { table_name } of tables) {
      const dump = await db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      rows.push(...dump.map((d) => d.row));
    }
    expect(rows.some((r) => r.includes('AADSTS7000215'))).toBe(true); // the refusal was recorded...
    for (const secret of [SECRET, WRONG_SECRET]) {
      const places: [string, string][] = [
        ['logs', logs.join('\n')],
        ['answers', answers.join('\n')],
        ['database', rows.join('\n')],
      ];
      for (const [where, text] of places) {
        expect(text.includes(secret), `${where} contain the client secret`).toBe(false); // ...without the secret
      }
    }
    expect(logs.join('\n')).toMatch(/single sign-on refused/);
  });

  it('never redirects elsewhere after sign-in, and tells when the authority cannot be reached', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    const end = await browser.follow(startUrl(origin.open, USERS.known, '//evil.example/x'));
    expect(end.location).toBe('/');
    expect((await me(browser, origin.open)).status).toBe(200);

    const unreachable = await serve({ authority: 'https://127.0.0.1:1/sandbox' });
    const lost = new TestBrowser(unreachable, dispatcher);
    const res = await lost.get(startUrl(unreachable, USERS.known));
    expect(await shownError(lost, unreachable, res)).toMatchObject({
      step: 'start',
      message: expect.stringMatching(
        /^The sign-in service at https:\/\/127\.0\.0\.1:1\/sandbox could not be reached/,
      ),
    });
  });

  it('shows nothing for a forged error value', async () => {
    const browser = new TestBrowser(origin.open, dispatcher);
    const hop = await browser.get(
      `${origin.open}/api/auth/sso?error=${randomBytes(60).toString('base64url')}`,
    );
    expect(JSON.parse(hop.body)).toEqual({ enabled: true });
  });
});
