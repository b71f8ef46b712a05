import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import type { Access } from './access.js';
import { SESSION_COOKIE, Sessions } from './sessions.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session from its cookie and enforces each route's `access`: 401 without a valid
 * session, 403 for the wrong role or a missing/forged CSRF token on a change. An API route that
 * declares no access cannot be registered, so none is left open by mistake.
 */
export const authPlugin = fp(async (app: FastifyInstance, { db }: { db: Db }) => {
  const sessions = new Sessions(db);
  app.decorate('sessions', sessions);
  await app.register(cookie);

  app.addHook('onRoute', (route) => {
    if (
      route.url.startsWith('/api/') &&
      !route.url.startsWith('/api/docs') &&
      route.config?.access === undefined
    ) {
      throw new Error(`Route ${route.method} ${route.url} does not declare who may call it (config.access).`);
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const access: Access = request.url.startsWith('/api/docs')
      ? 'signed-in'
      : (request.routeOptions.config?.access ?? 'signed-in');
    const session = await attachSession(request, sessions);
    if (access === 'public') return;
    if (!('csrfToken' in session)) throw new HttpProblem(401, 'Unauthorized', session.reason);
    const role = request.user!.role;
    if (access !== 'signed-in' && !access.includes(role)) {
      throw new HttpProblem(403, 'Forbidden', `Your role (${role}) may not do this.`);
    }
    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new HttpProblem(
        403,
        'Forbidden',
        'The CSRF token is missing or wrong: reload the page and try again.',
      );
    }
  });
});

/** Sets `request.user`; answers the session's CSRF token, or why there is no session. */
async function attachSession(
  request: FastifyRequest,
  sessions: Sessions,
): Promise<{ csrfToken: string } | { reason: string }> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return { reason: 'Sign in first.' };
  const found = await sessions.lookup(token);
  if (found.state === 'expired') return { reason: 'Your session has expired: sign in again.' };
  // A cookie the server no longer knows: signed out (elsewhere too) or ended by an administrator.
  if (found.state === 'unknown')
    return { reason: 'Your session has ended (signed out, or ended by an administrator): sign in again.' };
  request.user = found.user;
  request.sessionId = found.sessionId;
  return { csrfToken: found.csrfToken };
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions;
  }
}
