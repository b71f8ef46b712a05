import type { AuditAction } from '@flowline/contracts';
import type { SessionUser } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Pick<Db, 'auditEntry'>;

/** Records who did what; written in the same transaction as the change it describes. */
export function audit(
  tx: Tx,
  user: SessionUser | undefined,
  action: AuditAction,
  componentId: string | null,
  detail?: Record<string, unknown>,
) {
  return tx.auditEntry.create({
    data: {
      userId: user?.id ?? null,
      userEmail: user?.email ?? null,
      action,
      componentId,
      detail: (detail ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
