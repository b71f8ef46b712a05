import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/prisma.js';
import { testDb } from '../test/test-db.js';
import { deleteEndedBefore, keepDaysFrom } from './retention.js';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await testDb());
});
afterAll(() => drop?.());

const DAY = 86_400_000;
async function execution(
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'running',
  daysAgo?: number,
) {
  const finishedAt = daysAgo === undefined ? null : new Date(Date.now() - daysAgo * DAY);
  const { id } = await db.execution.create({
    data: {
      processId: randomUUID(),
      processVersion: 1,
      processName: `${status} ${daysAgo}`,
      mode: 'full',
      status,
      finishedAt,
    },
  });
  await db.trackedProperty.create({
    data: {
      executionId: id,
      shapeId: 'w',
      documentId: 'd',
      name: 'CustomerAccount',
      value: 'US-001',
      folded: 'us-001',
    },
  });
  await db.executionLog.create({ data: { executionId: id, at: new Date(), level: 'info', message: 'x' } });
  return id;
}

describe('deleteEndedBefore', () => {
  it('deletes executions that ended before the date, with what they kept; never one that may run again', async () => {
    const old = await Promise.all([
      execution('succeeded', 40),
      execution('failed', 31),
      execution('cancelled', 100),
    ]);
    const kept = await Promise.all([
      execution('succeeded', 5),
      execution('interrupted', 40), // may still be resumed
      execution('running'),
    ]);
    expect(await deleteEndedBefore(db, new Date(Date.now() - 30 * DAY))).toBe(3);
    const left = (await db.execution.findMany({ select: { id: true } })).map((e) => e.id);
    expect(left.sort()).toEqual([...kept].sort());
    expect(await db.trackedProperty.count({ where: { executionId: { in: old } } })).toBe(0);
    expect(await db.executionLog.count({ where: { executionId: { in: old } } })).toBe(0);
    expect(await db.trackedProperty.count()).toBe(3);
    expect(await deleteEndedBefore(db, new Date(Date.now() - 30 * DAY))).toBe(0);
  });

  it('deletes in batches, so a long backlog goes in many small statements', async () => {
    for (let i = 0; i < 250; i++) await execution('succeeded', 60);
    expect(await deleteEndedBefore(db, new Date(Date.now() - 30 * DAY))).toBe(250);
  });
});

describe('keepDaysFrom', () => {
  it('reads whole days from 1, keeps for ever when unset, and names the variable when wrong', () => {
    expect(keepDaysFrom(undefined)).toBeUndefined();
    expect(keepDaysFrom('')).toBeUndefined();
    expect(keepDaysFrom('90')).toBe(90);
    for (const wrong of ['0', '-3', '1.5', 'ninety'])
      expect(() => keepDaysFrom(wrong)).toThrow(
        `FLOWLINE_KEEP_EXECUTIONS_DAYS must be a whole number of days, 1 or more; it is "${wrong}".`,
      );
  });
});
