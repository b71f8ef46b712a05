import { Problem } from '@flowline/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import { Sealer } from './sealed.js';
import { issueSession } from './session-cookie.js';
import { SsoClient, SsoError, type SsoFlow, type SsoStep } from './sso-client.js';
import type { SsoConfig } from './sso-config.js';
import { identityEmail, ssoUser } from './sso-user.js';

export interface SsoRoutesOptions {
  db: Db;
  /** Single sign-on is off without it. */
  sso?: SsoConfig;
  /** The server's secret key; the sealed sign-in state derives its own key from it. */
  secretKey: Buffer;
  secureCookies?: boolean;
}

const FLOW_COOKIE = 'flowline_sso';
const FLOW_PATH = '/api/auth/sso';
const FLOW_TTL_MS = 10 * 60_000;
const ERROR_TTL_MS = 5 * 60_000;

export const SsoStatus = Type.Object({
  enabled: Type.Boolean(),
  /** Why the last single sign-on failed, when the sign-in page was sent `?sso_error=`. */
  error: Type.Optional(Type.Object({ step: Type.String(), message: Type.String() })),
});

const StatusQuery = Type.Object({ error: Type.Optional(Type.String({ maxLength: 4000 })) });
const StartQuery = Type.Object({
  returnTo: Type.Optional(Type.String({ maxLength: 500 })),
  loginHint: Type.Optional(Type.String({ maxLength: 320 })),
});
// Entra adds parameters of its own (session_state...): the callback reads what it needs and ignores the rest.
const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 8000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: true },
);

/** Only paths of this site: never `//elsewhere` or a full URL (an open redirect). */
const safeReturn = (to: string | undefined): string =>
  to && /^\/(?![/\\])/.test(to) && !/[\r\n]/.test(to) ? to : '/';

/**
 * Single sign-on with Entra ID: `GET /api/auth/sso` (is it on, and a failed attempt's reason),
 * `GET /api/auth/sso/start` (to Entra) and `GET /api/auth/sso/callback` (back, into a session).
 */
export async function ssoRoutes(app: FastifyInstance, options: SsoRoutesOptions): Promise<void> {
  const { db, sso } = options;
  const flows = new Sealer(options.secretKey, 'sso flow');
  const errors = new Sealer(options.secretKey, 'sso error');
  const client = sso ? new SsoClient(sso) : undefined;
  const cookie = { path: FLOW_PATH, httpOnly: true, secure: options.secureCookies ?? false };

  app.get<{ Querystring: { error?: string } }>(
    '/api/auth/sso',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether single sign-on with Microsoft is on, and why the last attempt failed',
        querystring: StatusQuery,
        response: { 200: SsoStatus },
      },
    },
    async (request) => {
      const error = errors.open<{ step: SsoStep; message: string }>(request.query.error);
      return { enabled: Boolean(client), ...(error ? { error } : {}) };
    },
  );

  /** Back to the sign-in page, which shows the sealed reason (it cannot be forged into a phishing text). */
  const refuse = async (reply: FastifyReply, request: FastifyRequest, e: unknown, email?: string) => {
    const known = e instanceof SsoError;
    const step: SsoStep | 'internal' = known ? e.step : 'internal';
    const message = known
      ? e.message
      : 'Flowline could not complete the sign-in: try again, or tell an administrator.';
    request.log.warn({ step, reason: message, err: known ? undefined : e }, 'single sign-on refused');
    await audit(db, undefined, 'sso sign-in refused', null, {
      step,
      reason: message,
      ...(email ? { email } : {}),
    }).catch((err: unknown) => request.log.error({ err }, 'audit of a refused single sign-on failed'));
    reply.clearCookie(FLOW_COOKIE, cookie);
    return reply.redirect(`/?sso_error=${errors.seal({ step, message }, ERROR_TTL_MS)}`, 302);
  };

  app.get<{ Querystring: { returnTo?: string; loginHint?: string } }>(
    '/api/auth/sso/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Starts single sign-on: redirects to Microsoft Entra ID (authorization code with PKCE)',
        querystring: StartQuery,
        response: { 302: { type: 'null' }, 404: Problem },
      },
    },
    async (request, reply) => {
      if (!client || !sso)
        throw new HttpProblem(404, 'Not Found', 'Single sign-on is not configured on this server.');
      const redirectUri = sso.redirectUri ?? `${request.protocol}://${request.host}/api/auth/sso/callback`;
      try {
        const { url, flow } = await client.begin(
          redirectUri,
          safeReturn(request.query.returnTo),
          request.query.loginHint,
        );
        // Lax: the cookie must come back on the top-level redirect from Entra, a cross-site navigation.
        reply.setCookie(FLOW_COOKIE, flows.seal(flow, FLOW_TTL_MS), {
          ...cookie,
          sameSite: 'lax',
          maxAge: FLOW_TTL_MS / 1000,
        });
        return reply.redirect(url, 302);
      } catch (e) {
        return refuse(reply, request, e);
      }
    },
  );

  app.get<{ Querystring: { code?: string; state?: string; error?: string; error_description?: string } }>(
    '/api/auth/sso/callback',
    {
      // Its URL carries the authorization code: no request lines in the log, only refusals (warn).
      logLevel: 'warn',
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Where Entra ID sends the browser back: checks the state, redeems the code, starts a session',
        querystring: CallbackQuery,
        response: { 302: { type: 'null' }, 404: Problem },
      },
    },
    async (request, reply) => {
      if (!client || !sso)
        throw new HttpProblem(404, 'Not Found', 'Single sign-on is not configured on this server.');
      const { code, state, error, error_description: description } = request.query;
      let email: string | undefined;
      try {
        const flow = flows.open<SsoFlow>(request.cookies[FLOW_COOKIE]);
        if (!flow) {
          throw new SsoError(
            'state',
            'No sign-in was in progress in this browser, or it took more than 10 minutes: start again.',
          );
        }
        if (!state || state !== flow.state) {
          throw new SsoError(
            'state',
            'The answer from the sign-in service does not belong to the sign-in started here (state mismatch): start again.',
          );
        }
        if (error)
          throw new SsoError(
            'authorize',
            `The sign-in service refused: ${error}: ${description ?? '(no description)'}`,
          );
        if (!code)
          throw new SsoError('authorize', 'The sign-in service answered without an authorization code.');
        const identity = await client.finish(code, flow);
        email = identityEmail(identity);
        const user = await ssoUser(db, identity, sso);
        await audit(db, user, 'sso sign-in', null, { oid: identity.oid, tid: identity.tid });
        await issueSession(app, reply, user, options.secureCookies);
        reply.clearCookie(FLOW_COOKIE, cookie);
        return reply.redirect(flow.returnTo, 302);
      } catch (e) {
        return refuse(reply, request, e, email);
      }
    },
  );
}
