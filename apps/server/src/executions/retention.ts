import type { Db } from '../db/prisma.js';

/** Executions that ended and will not run again: an interrupted one may still be resumed, so it stays. */
const DONE = ['succeeded', 'failed', 'cancelled'] as const;

/** How many executions one statement deletes: their documents go with them, so batches stay small. */
const BATCH = 100;

/**
 * How many days ended executions are kept, from `FLOWLINE_KEEP_EXECUTIONS_DAYS`: unset keeps them
 * for ever. Anything but a whole number of days from 1 is refused, naming the variable.
 */
export function keepDaysFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(
      `FLOWLINE_KEEP_EXECUTIONS_DAYS must be a whole number of days, 1 or more; it is "${value}".`,
    );
  return days;
}

/**
 * Deletes the executions that finished before `before` (their documents, tracked keys and log go with
 * them), a batch at a time so no statement holds locks for long. Returns how many went.
 */
export async function deleteEndedBefore(db: Db, before: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await db.execution.findMany({
      where: { status: { in: [...DONE] }, finishedAt: { lt: before } },
      select: { id: true },
      take: BATCH,
    });
    if (batch.length === 0) return deleted;
    const { count } = await db.execution.deleteMany({ where: { id: { in: batch.map((e) => e.id) } } });
    deleted += count;
  }
}
