import type { ComponentType } from '@flowline/contracts';
import type { Db } from '../db/prisma.js';
import { secretFields } from './bodies.js';
import { getAt, setAt } from './pointers.js';
import type { SecretBox } from './secrets.js';

type Tx = Pick<Db, 'secret'>;

/**
 * Moves the secret values out of a body being saved: a string is sealed and stored, `{set: true}`
 * keeps the stored one, anything else clears it. The body keeps only `{ set: boolean }` markers,
 * so revisions, exports and answers never hold a secret.
 */
export async function storeSecrets(
  tx: Tx,
  box: SecretBox,
  componentId: string,
  type: ComponentType,
  body: Record<string, unknown>,
): Promise<void> {
  for (const field of secretFields[type]) {
    const value = getAt(body, field);
    if (typeof value === 'string') {
      const sealed = box.seal(value, `${componentId}${field}`);
      await tx.secret.upsert({
        where: { componentId_field: { componentId, field } },
        create: { componentId, field, ...sealed },
        update: sealed,
      });
      setAt(body, field, { set: true });
    } else if (value && typeof value === 'object' && (value as { set?: unknown }).set === true) {
      const kept = await tx.secret.findUnique({ where: { componentId_field: { componentId, field } } });
      setAt(body, field, { set: Boolean(kept) });
    } else {
      await tx.secret.deleteMany({ where: { componentId, field } });
      if (value !== undefined) setAt(body, field, { set: false });
    }
  }
}

/** Sets each secret marker of a body from what is stored now (a restored revision may be older). */
export async function markSecrets(
  db: Tx,
  componentId: string,
  type: ComponentType,
  body: Record<string, unknown>,
) {
  if (secretFields[type].length === 0) return body;
  const stored = new Set(
    (await db.secret.findMany({ where: { componentId }, select: { field: true } })).map((s) => s.field),
  );
  for (const field of secretFields[type]) {
    if (getAt(body, field) !== undefined) setAt(body, field, { set: stored.has(field) });
  }
  return body;
}

/** The secret values of a component, for the server's own use (tokens, proxies); never answered. */
export async function revealSecrets(
  db: Tx,
  box: SecretBox,
  componentId: string,
): Promise<Map<string, string>> {
  const rows = await db.secret.findMany({ where: { componentId } });
  return new Map(rows.map((r) => [r.field, box.open(r, `${componentId}${r.field}`)]));
}
