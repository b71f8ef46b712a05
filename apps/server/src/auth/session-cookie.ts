import type { SessionInfo } from '@flowline/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SESSION_COOKIE } from './sessions.js';

type SessionUser = SessionInfo['user'];

/** Starts a session for a user: sets the httpOnly session cookie and answers the user and CSRF token. */
export async function issueSession(
  app: FastifyInstance,
  reply: FastifyReply,
  user: SessionUser,
  secureCookies = false,
): Promise<SessionInfo> {
  const session = await app.sessions.create(user.id);
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies,
    expires: session.expiresAt,
  });
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    csrfToken: session.csrfToken,
  };
}
