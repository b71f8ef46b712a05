import type { FnoClient } from '@flowline/d365-connector';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import type { WriteItem } from '@flowline/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewWrites } from './connector-preview.js';
import { sandboxClient } from './test-fixtures.js';
import type { WriteTarget } from './write-outcomes.js';

describe('previewWrites', () => {
  let sandbox: Sandbox;
  let client: FnoClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, https: true, seedSize: { CustomersV3: 3 } });
    client = sandboxClient(sandbox);
    await client.metadata();
  });
  afterAll(async () => {
    await client?.close();
    await sandbox?.stop();
  });

  const target = (action: WriteTarget['action'], op: Partial<WriteTarget['op']> = {}): WriteTarget => ({
    op: { schemaVersion: 1, action, entitySet: 'CustomersV3', ...op },
    action,
    entitySet: 'CustomersV3',
    keyNames: ['dataAreaId', 'CustomerAccount'],
  });
  const item = (data: Record<string, unknown>, extra: Partial<WriteItem> = {}): WriteItem => ({
    documentId: String(data.CustomerAccount ?? 'doc'),
    data,
    parameters: {},
    ifMatch: 'tracked',
    ...extra,
  });

  /** A seeded usmf customer as it is now. */
  async function existing() {
    for await (const r of client.query('CustomersV3', {
      top: 1,
      filter: { op: 'eq', path: 'dataAreaId', value: 'usmf' },
    }))
      return r;
    throw new Error('no usmf customer');
  }

  it('answers the request each write would send, with its body and what it would change, and writes nothing', async () => {
    const record = await existing();
    const key = record.key as { dataAreaId: string; CustomerAccount: string };
    const at = `CustomersV3(dataAreaId='usmf',CustomerAccount='${key.CustomerAccount}')`;
    const fresh = { dataAreaId: 'usmf', CustomerAccount: "O'Neil-1", OrganizationName: 'Preview Ltd' };
    const renamed = { OrganizationName: 'Renamed Ltd' };
    sandbox.admin.resetCounters();
    const previews = [
      ...(await previewWrites(client, target('create', { batch: { enabled: true } }), [item(fresh)])),
      ...(await previewWrites(client, target('update'), [item(renamed, { key, etag: record.etag! })])),
      ...(await previewWrites(client, target('update', { ifMatch: 'any' }), [
        item({ OrganizationName: record.data.OrganizationName }, { key }),
      ])),
      // Tracked, but no ETag was read: the connector sends no If-Match either.
      ...(await previewWrites(client, target('update'), [item(renamed, { key })])),
      ...(await previewWrites(client, target('upsert'), [item({ ...key, ...renamed })])),
      ...(await previewWrites(client, target('upsert'), [item(fresh)])),
      ...(await previewWrites(client, target('delete', { ifMatch: 'none' }), [item({}, { key })])),
      ...(await previewWrites(client, target('execute', { actionName: 'Recalculate' }), [
        item({ Amount: 1 }, { key, parameters: { Reason: 'test' } }),
      ])),
    ];
    const was = JSON.stringify(record.data.OrganizationName);
    expect(previews.map((p) => [p.ok, p.request, p.changes])).toEqual([
      [true, 'POST CustomersV3 · in a $batch', undefined],
      [true, `PATCH ${at} · If-Match: ${record.etag}`, `OrganizationName: ${was} → "Renamed Ltd"`],
      [true, `PATCH ${at} · If-Match: *`, 'nothing'],
      [true, `PATCH ${at}`, `OrganizationName: ${was} → "Renamed Ltd"`],
      [true, `PATCH ${at} · If-Match: ${record.etag}`, `OrganizationName: ${was} → "Renamed Ltd"`],
      [
        true,
        `POST CustomersV3 (CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1') does not exist yet)`,
        undefined,
      ],
      [true, `DELETE ${at}`, undefined],
      [true, `POST ${at}/Recalculate`, undefined],
    ]);
    expect(previews[0]!.data).toEqual(fresh);
    expect(previews[6]!.data).toBeUndefined();
    expect(previews[7]!.data).toEqual({ Amount: 1, Reason: 'test' });
    expect(sandbox.admin.counters().writes).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect((await client.get('CustomersV3', key)).data.OrganizationName).toBe(record.data.OrganizationName);
  });

  it('fails each write as it would be refused: no key, a create that exists, an update or delete of nothing, a changed record', async () => {
    const record = await existing();
    const key = record.key as Record<string, string>;
    const gone = { dataAreaId: 'usmf', CustomerAccount: 'NO-SUCH-1' };
    const refusals = [
      ...(await previewWrites(client, target('update'), [item({ OrganizationName: 'No key' })])),
      ...(await previewWrites(client, target('create'), [item({ ...key, OrganizationName: 'Twice' })])),
      ...(await previewWrites(client, target('update'), [item({ OrganizationName: 'X' }, { key: gone })])),
      ...(await previewWrites(client, target('delete'), [item({}, { key: gone })])),
      ...(await previewWrites(client, target('update'), [
        item({ OrganizationName: 'X' }, { key, etag: 'W/"old"' }),
      ])),
    ];
    expect(refusals.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, 'no-key'],
      [false, 'exists'],
      [false, 'not-found'],
      [false, 'not-found'],
      [false, 'changed'],
    ]);
    expect(refusals[0]!.error?.message).toBe(
      "An update of CustomersV3 needs the record's key (dataAreaId, CustomerAccount).",
    );
    expect(refusals[1]!.error?.message).toMatch(/exists already: the create would be refused\.$/);
    expect(refusals[4]!.error?.message).toContain(
      `changed since it was read (its ETag is ${record.etag}, not W/"old")`,
    );
  });
});
