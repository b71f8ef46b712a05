import { audit } from '../audit/audit.js';
import type { Db } from '../db/prisma.js';
import type { SessionUser } from './access.js';
import { SsoError, type SsoIdentity } from './sso-client.js';
import type { SsoConfig } from './sso-config.js';

/** The email Flowline knows a person by: the email claim, else a user name that is an address. */
export function identityEmail(identity: SsoIdentity): string | undefined {
  const email = identity.email ?? (identity.username?.includes('@') ? identity.username : undefined);
  return email?.trim().toLowerCase();
}

/**
 * The Flowline user for a person Entra signed in: by their object id once known, else by email
 * (lower-case, as logins are), which links the account to that object id for good. An email already
 * linked to another object id is refused: two Entra accounts claiming one address (a guest, a reused
 * mailbox) must not share a Flowline account. A person without an account gets one with the default
 * role when one is configured; a disabled one is refused.
 */
export async function ssoUser(db: Db, identity: SsoIdentity, config: SsoConfig): Promise<SessionUser> {
  const email = identityEmail(identity);
  if (!email) {
    throw new SsoError(
      'account',
      'The sign-in service sent neither an email nor a user name that is an address.',
    );
  }
  let user = await db.user.findUnique({ where: { entraObjectId: identity.oid } });
  if (!user) {
    user = await db.user.findUnique({ where: { email } });
    if (user?.entraObjectId) {
      throw new SsoError(
        'account',
        `The Flowline account ${email} belongs to another Microsoft account: ask an administrator.`,
      );
    }
    if (user) user = await db.user.update({ where: { id: user.id }, data: { entraObjectId: identity.oid } });
  }
  if (!user) {
    const role = config.defaultRole;
    if (!role) {
      throw new SsoError('account', `${email} has no Flowline account: ask an administrator to create one.`);
    }
    try {
      user = await db.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            email,
            name: identity.name || email,
            role,
            passwordHash: null,
            entraObjectId: identity.oid,
          },
        });
        await audit(tx, created, 'user created', null, {
          email,
          role,
          via: 'single sign-on',
          oid: identity.oid,
        });
        return created;
      });
    } catch (e) {
      // A second sign-in of the same new person, at the same moment, created it first.
      user = await db.user.findUnique({ where: { entraObjectId: identity.oid } });
      if (!user) throw e;
    }
  }
  if (user.disabled) throw new SsoError('account', `The Flowline account ${email} is disabled.`);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
