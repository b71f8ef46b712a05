import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, testApp } from '../test/test-app.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const patch = (client: Client, id: string, payload: object) =>
  client.inject({ method: 'PATCH', url: `/api/users/${id}`, payload });
const idOf = async (client: Client): Promise<string> => (await client.get('/api/auth/me')).json().user.id;

describe('the last administrator', () => {
  it('cannot demote or disable themselves while they are the only one', async () => {
    const only = await t.as('admin');
    expect(await t.db.user.count({ where: { role: 'admin' } })).toBe(1);
    const me = await idOf(only);
    for (const change of [{ role: 'viewer' }, { disabled: true }]) {
      const refused = await patch(only, me, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toMatch(/last administrator/);
    }
    expect(await t.db.user.findUniqueOrThrow({ where: { id: me } })).toMatchObject({
      role: 'admin',
      disabled: false,
    });
  });

  it('survives another administrator being demoted at the same moment', async () => {
    const a = await signIn(t.app, t.db, 'admin');
    const b = await signIn(t.app, t.db, 'admin');
    const [idA, idB] = [await idOf(a), await idOf(b)];
    // Exactly these two active: the first test's administrator is disabled directly.
    await t.db.user.updateMany({
      where: { role: 'admin', id: { notIn: [idA, idB] } },
      data: { disabled: true },
    });
    // Someone else demotes A and has not committed yet when A demotes B: A's request must wait for the
    // outcome, not count A as still active and leave no administrator at all.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE "User" SET role = 'viewer' WHERE id = $1`, [idA]);
      let settled = false;
      const answer = patch(a, idB, { role: 'viewer' }).finally(() => {
        settled = true;
      });
      const waiting = async () => {
        const { rows } = await other.query(
          `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE NOT l.granted AND a.datname = current_database()`,
        );
        return Number(rows[0].n) > 0;
      };
      const deadline = Date.now() + 10_000;
      while (!settled && Date.now() < deadline && !(await waiting()))
        await new Promise((r) => setTimeout(r, 20));
      await other.query('COMMIT');
      expect((await answer).statusCode).toBe(409);
    } finally {
      await other.end();
    }
    expect(await t.db.user.count({ where: { role: 'admin', disabled: false } })).toBe(1);
  });

  it('lets the only active administrator demote a disabled one', async () => {
    await t.db.user.updateMany({ where: { role: 'admin' }, data: { disabled: true } });
    const only = await signIn(t.app, t.db, 'admin');
    const retired = await t.db.user.create({
      data: { email: 'retired.admin@example.com', name: 'Retired', role: 'admin', disabled: true },
    });
    const demoted = await patch(only, retired.id, { role: 'viewer' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toMatchObject({ role: 'viewer', disabled: true });
    const [entry] = (await only.get('/api/audit?action=user changed&limit=1')).json().items;
    expect(entry.detail).toEqual({ email: 'retired.admin@example.com', fields: ['role'], role: 'viewer' });
  });

  it('records what a change set, but never a password', async () => {
    const admin = await signIn(t.app, t.db, 'admin');
    const person = await t.db.user.create({
      data: { email: 'person@example.com', name: 'Person', role: 'designer' },
    });
    const changed = await patch(admin, person.id, { disabled: true, password: 'a brand new password' });
    expect(changed.statusCode).toBe(200);
    const [entry] = (await admin.get('/api/audit?action=user changed&limit=1')).json().items;
    expect(entry.detail).toEqual({
      email: 'person@example.com',
      fields: ['disabled', 'password'],
      disabled: true,
    });
    expect(JSON.stringify(entry)).not.toContain('brand new');
  });
});
