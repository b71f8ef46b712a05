import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/prisma.js';
import { hashPassword } from './passwords.js';

/**
 * The first administrator: from FLOWLINE_ADMIN_EMAIL and FLOWLINE_ADMIN_PASSWORD when set (created
 * once, never overwritten), else through a one-time setup token that the start command prints.
 */
export async function prepareFirstAdmin(db: Db, env: NodeJS.ProcessEnv): Promise<SetupToken | undefined> {
  const email = env.FLOWLINE_ADMIN_EMAIL?.trim().toLowerCase();
  const password = env.FLOWLINE_ADMIN_PASSWORD;
  if (email && password) {
    const existing = await db.user.findUnique({ where: { email } });
    if (!existing) {
      await db.user.create({
        data: {
          email,
          name: email.split('@')[0] ?? email,
          role: 'admin',
          passwordHash: await hashPassword(password),
        },
      });
    }
    return undefined;
  }
  if ((await db.user.count()) > 0) return undefined;
  return new SetupToken();
}

/** A token valid until the first administrator exists (or the server restarts). */
export class SetupToken {
  readonly value = randomBytes(18).toString('base64url');
  used = false;

  matches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.value);
    return !this.used && a.length === b.length && timingSafeEqual(a, b);
  }
}
