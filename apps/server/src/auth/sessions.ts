import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/prisma.js';
import type { SessionUser } from './access.js';

export const SESSION_COOKIE = 'flowline_session';
const LIFETIME_MS = 12 * 60 * 60 * 1000;
const IDLE_MS = 2 * 60 * 60 * 1000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type SessionLookup =
  | { state: 'valid'; user: SessionUser; sessionId: string; csrfToken: string }
  | { state: 'expired' }
  | { state: 'unknown' };

/** Sessions live in PostgreSQL; the cookie holds a random token and the database only its hash. */
export class Sessions {
  constructor(private readonly db: Db) {}

  async create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + LIFETIME_MS);
    await this.db.session.create({ data: { id: hash(token), userId, csrfToken, expiresAt } });
    return { token, csrfToken, expiresAt };
  }

  async lookup(token: string): Promise<SessionLookup> {
    const id = hash(token);
    const session = await this.db.session.findUnique({ where: { id }, include: { user: true } });
    if (!session) return { state: 'unknown' };
    const now = Date.now();
    if (
      session.expiresAt.getTime() < now ||
      session.lastSeenAt.getTime() + IDLE_MS < now ||
      session.user.disabled
    ) {
      await this.db.session.deleteMany({ where: { id } });
      return { state: 'expired' };
    }
    // Record activity at most once a minute: reads stay reads.
    if (now - session.lastSeenAt.getTime() > 60_000) {
      await this.db.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
    }
    const { user } = session;
    return {
      state: 'valid',
      sessionId: id,
      csrfToken: session.csrfToken,
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  /** For tests and administrators: makes a session look older than it is. */
  async expire(sessionId: string): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt: new Date(0) } });
  }
}
