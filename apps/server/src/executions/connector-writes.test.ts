import type { FnoClient } from '@flowline/d365-connector';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import type { WriteItem } from '@flowline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WriteTarget, writeBatch, writeOneByOne } from './connector-writes.js';
import { sandboxClient } from './test-fixtures.js';

const N = 200;

describe('writeBatch when $batch answers are lost', () => {
  let sandbox: Sandbox;
  let client: FnoClient;
  let target: WriteTarget;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, https: true, seedSize: { CustomersV3: N } });
    client = sandboxClient(sandbox, {
      retry: { baseDelayMs: 5, maxDelayMs: 50, budgetMs: 20_000, defaultRetryAfterMs: 10 },
    });
    await client.metadata();
    target = {
      op: {
        schemaVersion: 1,
        action: 'update',
        entitySet: 'CustomersV3',
        ifMatch: 'tracked',
        batch: { enabled: true, mode: 'atomic', size: 10 },
      },
      action: 'update',
      entitySet: 'CustomersV3',
      keyNames: ['dataAreaId', 'CustomerAccount'],
    };
  });
  afterAll(async () => {
    await client?.close();
    await sandbox?.stop();
  });

  async function renameItems(mark: string): Promise<WriteItem[]> {
    const items: WriteItem[] = [];
    for await (const r of client.query('CustomersV3', {
      top: N,
      select: ['dataAreaId', 'CustomerAccount', 'OrganizationName'],
    }))
      items.push({
        documentId: String(r.data.CustomerAccount),
        data: { OrganizationName: `${mark}${r.data.OrganizationName}` },
        parameters: {},
        key: r.key!,
        etag: r.etag!,
        ifMatch: 'tracked',
      });
    return items;
  }

  it('tells lost conditional updates apart by their record: applied ones are written, the others sent again, none twice', async () => {
    const items = await renameItems('P:');
    expect(items.length).toBe(N);
    sandbox.admin.resetCounters();
    // Lost answers of both kinds: served (applied) and unserved (not applied).
    sandbox.admin.configure({ faults: { dropRate: 0.2, dropUnservedRate: 0.2 } });
    const outcomes = [];
    try {
      for (let i = 0; i < N; i += 10)
        outcomes.push(...(await writeBatch(client, target, items.slice(i, i + 10))));
    } finally {
      sandbox.admin.configure({ faults: { dropRate: 0, dropUnservedRate: 0 } });
    }
    const { faults, writes } = sandbox.admin.counters();
    expect(faults.dropped).toBeGreaterThan(0);
    expect(faults.droppedUnserved).toBeGreaterThan(0);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    // Each update applied once: one mark per record, and the sandbox counted N updates.
    expect(writes.updated).toBe(N);
    const names = new Map(
      sandbox.admin
        .dump('CustomersV3', 'usmf')
        .map((c) => [String(c.CustomerAccount), String(c.OrganizationName)]),
    );
    for (const item of items) expect(names.get(item.documentId)).toBe(item.data.OrganizationName);
  });

  it('leaves an update uncertain when its record changed to other values meanwhile, and never sends an unconditional one again', async () => {
    const items = (await renameItems('Q:')).slice(0, 10);
    // Someone else changes every record first; the lost answers can no longer be told apart.
    for (const item of items)
      await client.update(
        'CustomersV3',
        item.key as Record<string, string>,
        { OrganizationName: 'someone else' },
        { ifMatch: '*' },
      );
    sandbox.admin.resetCounters();
    sandbox.admin.configure({ faults: { dropRate: 1 } });
    try {
      const conditional = await writeBatch(client, target, items);
      const blind = await writeBatch(
        client,
        target,
        items.map((i) => ({ ...i, ifMatch: '*' as const })),
      );
      for (const o of [...conditional, ...blind]) expect(o).toMatchObject({ ok: false, uncertain: true });
    } finally {
      sandbox.admin.configure({ faults: { dropRate: 0 } });
    }
  });

  it('leaves a create uncertain, not failed, when checking what an earlier attempt wrote fails', async () => {
    const create: WriteTarget = { ...target, op: { ...target.op, action: 'create' }, action: 'create' };
    const item: WriteItem = {
      documentId: 'lost',
      data: { dataAreaId: 'usrt', CustomerAccount: 'LOST-1', OrganizationName: 'Lost' },
      parameters: {},
      ifMatch: 'tracked',
      verify: true,
    };
    sandbox.admin.configure({ faults: { rate503: 1 } });
    try {
      const [outcome] = await writeOneByOne(client, create, [item]);
      expect(outcome).toMatchObject({ ok: false, uncertain: true, error: { code: 'uncertain' } });
      expect(outcome!.error!.message).toMatch(
        /checking it failed: Throttled, retry budget used up after 12 attempts/,
      );
    } finally {
      sandbox.admin.configure({ faults: { rate503: 0 } });
    }
  });
});
