import type { ComponentSummary, UsedBy } from '@flowline/contracts';
import type { Db } from '../db/prisma.js';
import { summary } from './component-summary.js';

type References = Pick<Db, 'componentReference'>;

/** The components whose current revision names `id`, by name. */
export async function directUsers(db: References, id: string): Promise<ComponentSummary[]> {
  const rows = await db.componentReference.findMany({
    where: { toId: id },
    include: { from: true },
    distinct: ['fromId'],
  });
  return rows.map((r) => summary(r.from)).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The users of `direct`, of theirs and so on, level by level, each once (none of `direct`, nor the
 * component itself), with the names of the components it uses on the way. References only go from
 * process to map to operation to connection, so this ends in a few levels; `seen` makes sure.
 */
export async function indirectUsers(
  db: References,
  id: string,
  direct: ComponentSummary[],
): Promise<UsedBy['indirect']> {
  const seen = new Set([id, ...direct.map((u) => u.id)]);
  const names = new Map(direct.map((u) => [u.id, u.name]));
  const found = new Map<string, UsedBy['indirect'][number]>();
  let frontier = direct.map((u) => u.id);
  while (frontier.length > 0) {
    const rows = await db.componentReference.findMany({
      where: { toId: { in: frontier } },
      include: { from: true },
      distinct: ['fromId', 'toId'],
    });
    const next: string[] = [];
    for (const r of rows) {
      const through = names.get(r.toId)!;
      const known = found.get(r.fromId);
      if (known) {
        if (!known.through.includes(through)) known.through.push(through);
        continue;
      }
      if (seen.has(r.fromId)) continue;
      seen.add(r.fromId);
      names.set(r.fromId, r.from.name);
      found.set(r.fromId, { ...summary(r.from), through: [through] });
      next.push(r.fromId);
    }
    frontier = next;
  }
  const sorted = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const u of sorted) u.through.sort((a, b) => a.localeCompare(b));
  return sorted;
}
