import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../http/errors.js';
import { type SandboxHarness, startHarness } from '../test-support/sandbox-client.js';
import type { BatchOperation } from './batch.js';

const SET = 'CustomerGroups';
const create = (id: string, company = 'usmf'): BatchOperation => ({
  op: 'create',
  entitySet: SET,
  data: { dataAreaId: company, CustomerGroupId: id, Description: `Batch ${id}` },
});
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const stored = (h: SandboxHarness, prefix: string) =>
  h.sb.admin.dump(SET, 'usmf').filter((r) => String(r.CustomerGroupId).startsWith(prefix));

describe('$batch against the D365 sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness();
    await h.client.metadata();
  });
  beforeEach(() => {
    h.sb.admin.configure({ faults: { batchPart429Rate: 0 } });
  });
  afterAll(() => h.stop());

  it('runs atomic change sets: a failing operation rolls back only its own change set', async () => {
    await h.client.create(SET, { dataAreaId: 'usmf', CustomerGroupId: 'A5', Description: 'exists' });
    const ops = ids('A', 10).map((id) => create(id)); // A5 is a duplicate
    const results = await h.client.batch(ops, { changesetSize: 5 });
    expect(results.map((r) => r.index)).toEqual(ops.map((_, i) => i));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, status: 500 });
    expect(results[5]!.error).toBeInstanceOf(ValidationError);
    expect((results[5]!.error as ValidationError).infolog.join(' ')).toMatch(/already exists/);
    for (const r of results.slice(6)) expect(r).toMatchObject({ ok: false, rolledBack: true });
    expect(
      stored(h, 'A')
        .map((r) => r.CustomerGroupId)
        .sort(),
    ).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5']);
    // Results carry tracked properties, mapped back by Content-ID.
    expect(results[3]!.record).toMatchObject({
      key: { dataAreaId: 'usmf', CustomerGroupId: 'A3' },
      dataAreaId: 'usmf',
    });
    expect(results[3]!.record!.etag).toMatch(/^W\/"/);
  });

  it('runs independent operations that continue after a failure, mixing creates, updates, reads, deletes', async () => {
    const ops: BatchOperation[] = [
      create('I0'),
      create('I0'),
      create('I1'),
      { op: 'get', entitySet: SET, key: { dataAreaId: 'usmf', CustomerGroupId: 'A0' } },
      {
        op: 'update',
        entitySet: SET,
        key: { dataAreaId: 'usmf', CustomerGroupId: 'A1' },
        data: { Description: 'u' },
        ifMatch: '*',
      },
      { op: 'delete', entitySet: SET, key: { dataAreaId: 'usmf', CustomerGroupId: 'A2' }, ifMatch: '*' },
    ];
    const results = await h.client.batch(ops, { independent: true });
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true, true]);
    expect(results[3]!.record!.data.CustomerGroupId).toBe('A0');
    expect(stored(h, 'I')).toHaveLength(2);
    expect(stored(h, 'A2')).toHaveLength(0);
  });

  it('retries a part answered 429 alone, honouring its Retry-After', async () => {
    h.sb.admin.configure({ faults: { batchPart429Rate: 0.3, retryAfter: 0 } });
    const before = h.sb.admin.counters().faults.batchPart429;
    const results = await h.client.batch(
      ids('R', 40).map((id) => create(id)),
      { independent: true },
    );
    expect(h.sb.admin.counters().faults.batchPart429).toBeGreaterThan(before);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(stored(h, 'R')).toHaveLength(40);
  });

  it('splits more than 5,000 operations over several requests', async () => {
    const before = h.sb.admin.counters().batches;
    const results = await h.client.batch(
      ids('M', 5200).map((id) => create(id)),
      { changesetSize: 100 },
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5200);
    expect(h.sb.admin.counters().batches - before).toBe(2);
    expect(stored(h, 'M')).toHaveLength(5200);
  });
});
