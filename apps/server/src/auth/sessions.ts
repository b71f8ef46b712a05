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

// Valid sessions are remembered briefly so reads do not pay a database round trip each; a
// sign-out or a disabled user takes effect here at once, and on other servers within this time.
const REMEMBER_MS = 5_000;

/** Sessions live in PostgreSQL; the cookie holds a random token and the database only its hash. */
export class Sessions {
  private readonly recent = new Map<string, { found: SessionLookup & { state: 'valid' }; until: number }>();

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
    const remembered = this.recent.get(id);
    if (remembered && remembered.until > Date.now()) return remembered.found;
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
    const found = {
      state: 'valid' as const,
      sessionId: id,
      csrfToken: session.csrfToken,
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
    };
    if (this.recent.size > 10_000) this.recent.clear();
    this.recent.set(id, { found, until: now + REMEMBER_MS });
    return found;
  }

  /** Forgets every remembered session of a user (signed out, disabled, password changed). */
  forgetUser(userId: string): void {
    for (const [id, r] of this.recent) if (r.found.user.id === userId) this.recent.delete(id);
  }

  async end(sessionId: string): Promise<void> {
    this.recent.delete(sessionId);
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  /** For tests and administrators: makes a session look older than it is. */
  async expire(sessionId: string): Promise<void> {
    this.recent.delete(sessionId);
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt: new Date(0) } });
  }
}
