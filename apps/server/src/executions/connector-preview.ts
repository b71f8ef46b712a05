import { type FnoClient, formatKey, type Profile } from '@flowline/d365-connector';
import type { WriteItem, WriteOutcome } from '@flowline/engine';
import { failed, ifMatchOf, keyOf, requiredKey, type WriteTarget } from './write-outcomes.js';

/**
 * What each write would send, without sending anything (a preview run): the request line and the
 * body, or the failure that would stop the write before sending (an update without its key). Nothing
 * is read either: a resumed write is not checked by key, since a preview records no write state.
 */
export async function previewWrites(
  client: FnoClient,
  target: WriteTarget,
  items: WriteItem[],
): Promise<WriteOutcome[]> {
  // Typed key literals (strings quoted, enums qualified) as the write would format them.
  const profile = await client.profile(target.entitySet).catch(() => undefined);
  return items.map((item) => {
    try {
      return previewOne(target, item, profile);
    } catch (e) {
      return failed(item, e);
    }
  });
}

function previewOne(target: WriteTarget, item: WriteItem, profile: Profile | undefined): WriteOutcome {
  const { entitySet, action, op } = target;
  const key = keyOf(target, item);
  const entity = () => `${entitySet}${formatKey(requiredKey(target, item), profile)}`;
  const mode = ifMatchOf(target, item);
  const condition =
    mode === 'none' ? '' : ` · If-Match: ${mode === '*' ? '*' : (item.etag ?? 'the ETag it was read with')}`;
  const batched =
    op.batch?.enabled && (action === 'create' || action === 'update' || action === 'delete')
      ? ' · in a $batch'
      : '';
  const answer = (request: string, data?: Record<string, unknown>): WriteOutcome => ({
    documentId: item.documentId,
    ok: true,
    request,
    ...(data ? { data } : {}),
  });
  switch (action) {
    case 'create':
      return answer(`POST ${entitySet}${batched}`, item.data);
    case 'update':
      return answer(`PATCH ${entity()}${condition}${batched}`, item.data);
    case 'upsert':
      return answer(`GET ${entity()}, then PATCH it or POST ${entitySet}`, item.data);
    case 'delete':
      return answer(`DELETE ${entity()}${condition}${batched}`);
    case 'execute': {
      if (!op.actionName) throw new Error('The operation names no action to execute.');
      const bound = op.entitySet ? `${key ? entity() : op.entitySet}/` : '';
      return answer(`POST ${bound}${op.actionName}`, { ...item.data, ...item.parameters });
    }
    default:
      throw new Error(`"${action}" is a read, not a write.`);
  }
}
