import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TEST_PASSWORD, testApp } from '../test/test-app.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

describe('sessions', () => {
  it('sets an httpOnly, SameSite cookie and answers the user and a CSRF token', async () => {
    const viewer = await t.as('viewer');
    const res = await login(viewer.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/flowline_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.json()).toMatchObject({
      user: { email: viewer.email, role: 'viewer' },
      csrfToken: expect.any(String),
    });
    const me = await viewer.get('/api/auth/me');
    expect(me.json().user.role).toBe('viewer');
  });

  it('answers 401 without a session, and says when a session has expired', async () => {
    expect((await t.app.inject('/api/components')).statusCode).toBe(401);
    expect((await t.app.inject('/api/docs/json')).statusCode).toBe(401);
    const client = await signIn(t.app, t.db, 'designer');
    const sessions = await t.db.session.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    await t.app.sessions.expire(sessions[0]!.id);
    const res = await client.get('/api/components');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/expired/);
    // A session ended by signing out (in another tab, say) says so, not merely "sign in first".
    const other = await signIn(t.app, t.db, 'viewer');
    expect((await other.post('/api/auth/logout')).statusCode).toBe(204);
    const after = await other.get('/api/components');
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/session has ended/);
  });

  it('refuses a wrong password without saying which part was wrong, and slows down guessing', async () => {
    const admin = await t.as('admin');
    const wrong = await login(admin.email, 'not the password', '10.9.9.9');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('The email or the password is wrong.');
    expect((await login('nobody@example.com', 'whatever', '10.9.9.9')).json().detail).toBe(
      'The email or the password is wrong.',
    );
    for (let i = 0; i < 10; i++) await login(admin.email, `guess ${i}`, '10.8.8.8');
    const limited = await login(admin.email, TEST_PASSWORD, '10.8.8.8');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('signs out', async () => {
    const client = await signIn(t.app, t.db, 'operator');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/components')).statusCode).toBe(401);
  });
});

describe('roles and CSRF', () => {
  it('lets each role do only what it may', async () => {
    const body = { type: 'process', name: 'Role check' };
    expect((await (await t.as('viewer')).post('/api/components', body)).statusCode).toBe(403);
    expect((await (await t.as('operator')).post('/api/components', body)).statusCode).toBe(403);
    expect((await (await t.as('designer')).post('/api/components', body)).statusCode).toBe(201);
    expect((await (await t.as('viewer')).get('/api/components')).statusCode).toBe(200);
    expect((await (await t.as('designer')).get('/api/users')).statusCode).toBe(403);
    expect((await (await t.as('admin')).get('/api/users')).statusCode).toBe(200);
  });

  it('refuses a change without the CSRF token, or with a forged one', async () => {
    const designer = await t.as('designer');
    const { cookie } = designer.headers;
    const payload = { type: 'process', name: 'CSRF' };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/components',
      headers: { cookie },
      payload,
    });
    expect(missing.statusCode).toBe(403);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/components',
      headers: { cookie, 'x-csrf-token': 'forged' },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().detail).toMatch(/CSRF/);
  });

  it('lets administrators manage users (the last administrator: users.test.ts)', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', {
      email: 'New.Person@Example.com',
      name: 'New',
      role: 'viewer',
      password: 'a long password',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'new.person@example.com', role: 'viewer' });
    expect(created.body).not.toMatch(/password/i);
    expect((await login('NEW.PERSON@example.com', 'a long password', '10.7.7.7')).statusCode).toBe(200);
    const audit = (await admin.get('/api/audit?action=user created')).json().items;
    expect(audit[0]).toMatchObject({ userEmail: admin.email, detail: { email: 'new.person@example.com' } });
  });
});

describe('every API route declares who may call it', () => {
  it('refuses to register an undeclared route', async () => {
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ db: t.db, version: 'x', secretKey: Buffer.alloc(32) });
    expect(() => app.get('/api/open', async () => 'oops')).toThrow(/does not declare who may call it/);
    await app.close();
  });
});
