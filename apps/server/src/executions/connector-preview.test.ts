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

  it('answers the request each write would send, with its body, and sends nothing', async () => {
    sandbox.admin.resetCounters();
    const customer = { dataAreaId: 'usmf', CustomerAccount: "O'Neil-1", OrganizationName: 'Preview Ltd' };
    const key = { dataAreaId: 'usmf', CustomerAccount: "O'Neil-1" };
    const previews = [
      ...(await previewWrites(client, target('create', { batch: { enabled: true } }), [item(customer)])),
      ...(await previewWrites(client, target('update'), [item(customer, { key, etag: 'W/"7"' })])),
      ...(await previewWrites(client, target('update', { ifMatch: 'any' }), [item(customer, { key })])),
      ...(await previewWrites(client, target('upsert'), [item(customer)])),
      ...(await previewWrites(client, target('delete', { ifMatch: 'none' }), [item({}, { key })])),
      ...(await previewWrites(client, target('execute', { actionName: 'Recalculate' }), [
        item({ Amount: 1 }, { key, parameters: { Reason: 'test' } }),
      ])),
    ];
    expect(previews.map((p) => [p.ok, p.request])).toEqual([
      [true, 'POST CustomersV3 · in a $batch'],
      [true, `PATCH CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1') · If-Match: W/"7"`],
      [true, `PATCH CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1') · If-Match: *`],
      [
        true,
        `GET CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1'), then PATCH it or POST CustomersV3`,
      ],
      [true, `DELETE CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1')`],
      [true, `POST CustomersV3(dataAreaId='usmf',CustomerAccount='O''Neil-1')/Recalculate`],
    ]);
    expect(previews[0]!.data).toEqual(customer);
    expect(previews[4]!.data).toBeUndefined();
    expect(previews[5]!.data).toEqual({ Amount: 1, Reason: 'test' });
    expect(sandbox.admin.counters().writes).toEqual({ created: 0, updated: 0, deleted: 0 });
    const stillAbsent = await client.get('CustomersV3', key).then(
      () => 'found',
      (e: Error) => e.name,
    );
    expect(stillAbsent).toBe('NotFoundError');
  });

  it('fails, as the write would before sending, an update whose record has no key', async () => {
    const [outcome] = await previewWrites(client, target('update'), [item({ OrganizationName: 'No key' })]);
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        message: "An update of CustomersV3 needs the record's key (dataAreaId, CustomerAccount).",
      },
    });
  });
});
