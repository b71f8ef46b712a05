import {
  LoginRequest,
  Problem,
  SessionInfo,
  type SetupRequest,
  SetupRequest as SetupRequestSchema,
  SetupState,
} from '@flowline/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import type { SetupToken } from './first-admin.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { issueSession } from './session-cookie.js';
import { SESSION_COOKIE } from './sessions.js';

export interface AuthRoutesOptions {
  db: Db;
  setupToken?: SetupToken;
  /** Mark the cookie Secure (when served over HTTPS). */
  secureCookies?: boolean;
}

/** Sign-in, sign-out, the current session, and the one-time setup of the first administrator. */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const { db, setupToken } = options;
  const limiter = new LoginLimiter();

  const startSession = (reply: FastifyReply, user: SessionInfo['user']) =>
    issueSession(app, reply, user, options.secureCookies);

  app.post<{ Body: LoginRequest }>(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: LoginRequest,
        response: { 200: SessionInfo, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      const keys = [`ip:${request.ip}`, `email:${email}`];
      const wait = limiter.retryAfter(keys);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new HttpProblem(
          429,
          'Too Many Requests',
          `Too many failed sign-ins: try again in ${wait} seconds.`,
        );
      }
      const user = await db.user.findUnique({ where: { email } });
      const ok = await verifyPassword(request.body.password, user?.passwordHash ?? null);
      if (!user || !ok || user.disabled) {
        limiter.fail(keys);
        await audit(db, undefined, 'sign-in failed', null, { email });
        throw new HttpProblem(401, 'Unauthorized', 'The email or the password is wrong.');
      }
      limiter.succeed(keys);
      await audit(db, user, 'sign-in', null);
      return startSession(reply, user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      if (request.sessionId) await app.sessions.end(request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token',
        response: { 200: SessionInfo, 401: Problem },
      },
    },
    async (request) => {
      const token = request.cookies[SESSION_COOKIE]!;
      const found = await app.sessions.lookup(token);
      if (found.state !== 'valid') throw new HttpProblem(401, 'Unauthorized', 'Sign in first.');
      return { user: found.user, csrfToken: found.csrfToken };
    },
  );

  app.get(
    '/api/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether the first administrator is still to be created',
        response: { 200: SetupState },
      },
    },
    async () => ({ needed: Boolean(setupToken && !setupToken.used) }),
  );

  app.post<{ Body: SetupRequest }>(
    '/api/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create the first administrator with the setup token printed at start',
        body: SetupRequestSchema,
        response: { 200: SessionInfo, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      if (!setupToken || setupToken.used)
        throw new HttpProblem(409, 'Conflict', 'Flowline is already set up.');
      if (!setupToken.matches(request.body.token)) {
        throw new HttpProblem(
          403,
          'Forbidden',
          'The setup token is wrong: use the one printed when Flowline started.',
        );
      }
      setupToken.used = true;
      const user = await db.$transaction(async (tx) => {
        if ((await tx.user.count()) > 0)
          throw new HttpProblem(409, 'Conflict', 'Flowline is already set up.');
        const created = await tx.user.create({
          data: {
            email: request.body.email.toLowerCase(),
            name: request.body.name,
            role: 'admin',
            passwordHash: await hashPassword(request.body.password),
          },
        });
        await audit(tx, created, 'setup', null);
        return created;
      });
      return startSession(reply, user);
    },
  );
}
