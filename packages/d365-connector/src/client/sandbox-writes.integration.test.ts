import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConcurrencyError,
  NetworkError,
  NotFoundError,
  UncertainOutcomeError,
  ValidationError,
} from '../http/errors.js';
import { type SandboxHarness, startHarness } from '../test-support/sandbox-client.js';
import type { DeleteResult } from './writes.js';

const SET = 'CustomerGroups';
const group = (id: string, extra: Record<string, unknown> = {}) => ({
  dataAreaId: 'usmf',
  CustomerGroupId: id,
  Description: `Group ${id}`,
  ...extra,
});

describe('writes against the D365 sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness();
    await h.client.metadata();
  });
  beforeEach(() => {
    h.sb.admin.configure({ faults: { rate429: 0, rate503: 0, dropRate: 0, batchPart429Rate: 0 } });
  });
  afterAll(() => h.stop());

  it('creates, updates on the tracked ETag, refuses a stale ETag with both versions, deletes', async () => {
    const created = await h.client.create(SET, group('W1'));
    expect(created.key).toEqual({ dataAreaId: 'usmf', CustomerGroupId: 'W1' });
    expect(created.etag).toMatch(/^W\/"/);
    expect(created.dataAreaId).toBe('usmf');

    const updated = await h.client.update(SET, created, { Description: 'changed' });
    expect(updated.etag).toMatch(/^W\/"/);
    expect(updated.etag).not.toBe(created.etag);

    // The first version's ETag is stale now.
    const stale = await h.client.update(SET, created, { Description: 'again' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConcurrencyError);
    const c = stale as ConcurrencyError;
    expect(c.status).toBe(412);
    expect(c.sentEtag).toBe(created.etag);
    expect(c.currentEtag).toBe(updated.etag);
    expect(c.method).toBe('PATCH');
    expect(c.url).toContain("CustomerGroups(dataAreaId='usmf',CustomerGroupId='W1')");

    await h.client.update(SET, created, { Description: 'forced' }, { ifMatch: '*' });
    expect((await h.client.get(SET, created.key!)).data.Description).toBe('forced');
    await h.client.delete(SET, created.key!, { ifMatch: '*' });
    await expect(h.client.get(SET, created.key!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reports F&O's Infolog on a duplicate create as a ValidationError", async () => {
    await h.client.create(SET, group('W2'));
    const e = (await h.client.create(SET, group('W2')).catch((x: unknown) => x)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.infolog.join(' ')).toMatch(/already exists/);
    expect(e.method).toBe('POST');
  });

  it('upserts: creates when missing, updates when present', async () => {
    const key = { dataAreaId: 'usmf', CustomerGroupId: 'W3' };
    const first = await h.client.upsert(SET, key, { Description: 'one' });
    expect(first.created).toBe(true);
    const second = await h.client.upsert(SET, key, { Description: 'two' });
    expect(second.created).toBe(false);
    expect((await h.client.get(SET, key)).data.Description).toBe('two');
    expect(h.sb.admin.dump(SET, 'usmf').filter((r) => r.CustomerGroupId === 'W3')).toHaveLength(1);
  });

  it('executes collection- and entity-bound actions', async () => {
    const id = await h.client.executeAction<string>('ExportToPackage', {
      entitySet: 'DataManagementDefinitionGroups',
      parameters: {
        definitionGroupId: 'g',
        packageName: 'p',
        executionId: 'exec-9',
        reExecute: false,
        legalEntityId: 'usmf',
      },
    });
    expect(id).toBe('exec-9');
    const order = h.sb.admin.dump('SalesOrderHeadersV2', 'usmf')[0]!;
    const total = await h.client.executeAction<number>('CalculateOrderTotal', {
      entitySet: 'SalesOrderHeadersV2',
      key: { dataAreaId: 'usmf', SalesOrderNumber: String(order.SalesOrderNumber) },
    });
    expect(typeof total).toBe('number');
  });

  it('retries 429 and 503 honouring Retry-After, lowering concurrency, and still reads everything', async () => {
    h.sb.admin.configure({ faults: { rate429: 0.3, rate503: 0.1, retryAfter: 0 } });
    const client = h.clientWith({ maxConcurrency: 8 });
    await client.metadata();
    const before = h.sb.admin.counters().faults.throttled429;
    const reads = await Promise.all(
      h.sb.admin
        .dump('CustomersV3', 'usmf')
        .slice(0, 40)
        .map((r) =>
          client.get('CustomersV3', { dataAreaId: 'usmf', CustomerAccount: String(r.CustomerAccount) }),
        ),
    );
    expect(reads).toHaveLength(40);
    expect(h.sb.admin.counters().faults.throttled429).toBeGreaterThan(before);
    expect(client.concurrency).toBeLessThan(8);
  });

  it('retries reads on dropped connections; a create on a dropped connection is checked by key, never duplicated', async () => {
    h.sb.admin.configure({ faults: { dropRate: 0.5 } });
    const client = h.clientWith({});
    await client.metadata();
    const ids = Array.from({ length: 12 }, (_, i) => `D${i}`);
    const results = await Promise.allSettled(ids.map((id) => client.create(SET, group(id))));
    h.sb.admin.configure({ faults: { dropRate: 0 } });
    const rows = h.sb.admin.dump(SET, 'usmf').filter((r) => ids.includes(String(r.CustomerGroupId)));
    // Each id exists at most once, and every fulfilled create is really there.
    expect(new Set(rows.map((r) => r.CustomerGroupId)).size).toBe(rows.length);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') expect(rows.some((row) => row.CustomerGroupId === ids[i])).toBe(true);
    });
    expect(h.sb.admin.counters().faults.dropped).toBeGreaterThan(0);
  });

  it('counts a delete as done when its dropped first attempt deleted the record and the retry finds it gone', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `X${i}`);
    for (const id of ids) await h.client.create(SET, group(id));
    const droppedBefore = h.sb.admin.counters().faults.dropped;
    // The sandbox applies a request, then drops its connection: the retry answers 404.
    h.sb.admin.configure({ faults: { dropRate: 0.4 } });
    const results: PromiseSettledResult<DeleteResult>[] = [];
    for (const id of ids) {
      const settled = await h.client.delete(SET, { dataAreaId: 'usmf', CustomerGroupId: id }).then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      );
      results.push(settled);
    }
    h.sb.admin.configure({ faults: { dropRate: 0 } });
    const dropped = h.sb.admin.counters().faults.dropped - droppedBefore;
    const confirmed = results.filter((r) => r.status === 'fulfilled' && r.value.confirmedAbsentAfterRetry);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThanOrEqual(dropped);
    for (const r of results) {
      // Never NotFound; only a delete whose every attempt dropped may fail (as a network error).
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(NetworkError);
      else expect(r.value.deleted).toBe(true);
    }
    expect(h.sb.admin.dump(SET, 'usmf').filter((r) => ids.includes(String(r.CustomerGroupId)))).toEqual([]);
    // A 404 on a first attempt is still NotFound.
    const missing = await h.client.delete(SET, { dataAreaId: 'usmf', CustomerGroupId: 'X0' }).catch((e) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it('reports a dropped create as uncertain when the key is unknown (no $metadata loaded)', async () => {
    const client = h.clientWith({});
    h.sb.admin.configure({ faults: { dropRate: 1 } });
    const e = await client.create(SET, group('U1')).catch((x: unknown) => x);
    h.sb.admin.configure({ faults: { dropRate: 0 } });
    expect(e).toBeInstanceOf(UncertainOutcomeError);
    expect((e as UncertainOutcomeError).method).toBe('POST');
    // It did reach the server: repeating it blindly would have made a duplicate.
    expect(h.sb.admin.dump(SET, 'usmf').filter((r) => r.CustomerGroupId === 'U1')).toHaveLength(1);
  });
});
