import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../auth/sessions.js';
import type { Role } from '../generated/prisma/enums.js';
import type { RegisteredRoute } from '../route-table.js';
import { signIn, testApp } from '../test/test-app.js';
import { apiRoutes, fillUrl, isProblem, NOBODY } from './support/api-routes.js';
import { DbWatch } from './support/db-snapshot.js';
import { sampleOf } from './support/schema-sample.js';

// Section 5 of docs/reliability.md: every API route, enumerated from the app, tried by everyone who
// might call it; only what the route declares (config.access) gets past the door.
let t: Awaited<ReturnType<typeof testApp>>;
let watch: DbWatch;
const ROLES: Role[] = ['admin', 'designer', 'operator', 'viewer'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Identity = 'no session' | 'expired session' | Role | 'forged CSRF' | 'missing CSRF';
const IDENTITIES: Identity[] = ['no session', 'expired session', ...ROLES, 'forged CSRF', 'missing CSRF'];

beforeAll(async () => {
  t = await testApp();
  watch = await DbWatch.open(t.url);
});
afterAll(async () => {
  await watch.close();
  await t.close();
});

const users = new Map<Role, string>();

/** Headers of a caller, on a session of its own: signing out or expiring affects only this call. */
async function headersOf(who: Identity): Promise<Record<string, string>> {
  if (who === 'no session') return {};
  const role: Role = ROLES.includes(who as Role) ? (who as Role) : 'admin';
  if (!users.has(role)) {
    const client = await signIn(t.app, t.db, role);
    users.set(role, (await t.db.user.findUniqueOrThrow({ where: { email: client.email } })).id);
  }
  const session = await t.app.sessions.create(users.get(role)!);
  const cookie = `${SESSION_COOKIE}=${session.token}`;
  if (who === 'expired session') {
    await t.app.sessions.expire(createHash('sha256').update(session.token).digest('hex'));
  }
  if (who === 'forged CSRF') return { cookie, 'x-csrf-token': 'forged-token' };
  if (who === 'missing CSRF') return { cookie };
  return { cookie, 'x-csrf-token': session.csrfToken };
}

/** What the route's declared access allows this caller. */
function allowed(route: RegisteredRoute, who: Identity): boolean {
  const access = route.access;
  if (access === 'public') return true;
  if (who === 'no session' || who === 'expired session') return false;
  if ((who === 'forged CSRF' || who === 'missing CSRF') && UNSAFE.has(route.method)) return false;
  const role: Role = ROLES.includes(who as Role) ? (who as Role) : 'admin';
  return access === 'signed-in' || (access?.includes(role) ?? false);
}

/** Whether the door refused the call (as opposed to the route answering, even with an error). */
function refusedAtTheDoor(res: Response): boolean {
  if (res.statusCode !== 401 && res.statusCode !== 403) return false;
  const detail = String(res.json().detail);
  return /Sign in first|session has (expired|ended)|Your role|CSRF/.test(detail);
}

describe('every API route, every caller', () => {
  it('lets in exactly whom the route declares, and refused calls write nothing', async () => {
    const routes = apiRoutes(t.app).sort(
      (a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'),
    );
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) expect(r.access, `${r.method} ${r.url} declares no access`).toBeDefined();
    const mismatches: string[] = [];
    let tried = 0;
    let letIn = 0;
    let refused = 0;
    for (const route of routes) {
      const body = sampleOf((route.schema as Record<string, Record<string, unknown>> | undefined)?.body);
      for (const who of IDENTITIES) {
        const headers = await headersOf(who);
        const before = await watch.fingerprint();
        const res = await t.app.inject({
          method: route.method as InjectOptions['method'],
          url: fillUrl(route.url, (name) =>
            name === 'version' ? '1' : name === 'name' ? 'CustomersV3' : NOBODY,
          ),
          headers: { ...headers, 'if-match': `"${NOBODY}.1"` },
          ...(UNSAFE.has(route.method) && body !== undefined ? { payload: body as object } : {}),
        });
        tried++;
        const door = refusedAtTheDoor(res);
        if (door) refused++;
        else letIn++;
        const expected = allowed(route, who);
        if (door === expected) {
          mismatches.push(
            `${route.method} ${route.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
        if (res.statusCode >= 400 && !isProblem(res))
          mismatches.push(`${route.method} ${route.url} as ${who}: not a problem document`);
        if (res.statusCode >= 500)
          mismatches.push(`${route.method} ${route.url} as ${who}: ${res.statusCode}`);
        if (door && (await watch.fingerprint()) !== before) {
          mismatches.push(`${route.method} ${route.url} as ${who}: refused, yet wrote to the database`);
        }
      }
    }
    console.log(`reliability: access routes: ${routes.length}`);
    console.log(`reliability: access callers per route: ${IDENTITIES.length}`);
    console.log(`reliability: access calls tried: ${tried}`);
    console.log(`reliability: access calls let in: ${letIn}`);
    console.log(`reliability: access calls refused at the door: ${refused}`);
    console.log(`reliability: access mismatches with the declared access: ${mismatches.length}`);
    expect(mismatches, mismatches.slice(0, 10).join('\n')).toEqual([]);
  });
});
