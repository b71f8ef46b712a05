import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

const part = (id: number, method: string, url: string, body?: unknown): string =>
  `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${id}\r\n\r\n${method} ${url} HTTP/1.1\r\nOData-Version: 4.0\r\nContent-Type: application/json;odata.metadata=minimal\r\n\r\n${body === undefined ? '' : JSON.stringify(body)}\r\n`;

/** A batch with one change set holding `parts`, plus optional standalone parts after it. */
const batch = (changeset: string[], standalone: string[] = [], trailingSpace = ''): string =>
  `--batch_b${trailingSpace}\r\nContent-Type: multipart/mixed; boundary=changeset_c\r\n\r\n${changeset.map((p) => `--changeset_c${trailingSpace}\r\n${p}`).join('')}--changeset_c--\r\n${standalone.map((p) => `--batch_b\r\n${p}`).join('')}--batch_b--\r\n`;

const send = (body: string) =>
  t.call('/data/$batch', {
    method: 'POST',
    body,
    headers: { 'content-type': 'multipart/mixed; boundary=batch_b' },
  });

describe('$batch', () => {
  it('runs a change set and echoes Content-IDs (tolerating trailing spaces on boundaries)', async () => {
    const res = await send(
      batch(
        [
          part(1, 'POST', `${t.sb.url}/data/CustomerGroups`, {
            '@odata.type': '#Microsoft.Dynamics.DataEntities.CustomerGroup',
            CustomerGroupId: 'Batch1',
            Description: 'Batch 1',
          }),
          part(2, 'POST', 'CustomerGroups', { CustomerGroupId: 'Batch2', Description: 'Batch 2' }),
        ],
        [],
        ' ',
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    const text = await res.text();
    expect(text.match(/HTTP\/1\.1 201 Created/g)).toHaveLength(2);
    expect(text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1\.1 201/);
    expect(text).toMatch(/Content-ID: 2\r\n\r\nHTTP\/1\.1 201/);
    expect(
      t.sb.admin.dump('CustomerGroups', 'usmf').filter((g) => String(g.CustomerGroupId).startsWith('Batch')),
    ).toHaveLength(2);
  });

  it('rolls back the whole change set when one operation fails, with outer 200', async () => {
    const before = t.sb.admin.count('CustomerGroups');
    const res = await send(
      batch([
        part(1, 'POST', 'CustomerGroups', { CustomerGroupId: 'Atomic1' }),
        part(2, 'PATCH', "CustomerGroups(dataAreaId='usmf',CustomerGroupId='10')", {
          Description: 'should roll back',
        }),
        part(3, 'POST', 'CustomerGroups', { CustomerGroupId: '10' }),
      ]),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/Content-ID: 3\r\n\r\nHTTP\/1\.1 500 Internal Server Error/);
    expect(text).toContain('The record already exists');
    expect(text).not.toContain('HTTP/1.1 201');
    expect(t.sb.admin.count('CustomerGroups')).toBe(before);
    expect(t.sb.admin.counters().writes.created).toBe(2);
    const g10 = t.sb.admin.dump('CustomerGroups', 'usmf').find((g) => g.CustomerGroupId === '10');
    expect(g10?.Description).not.toBe('should roll back');
  });

  it('answers standalone parts independently, including reads', async () => {
    const res = await send(batch([], [part(7, 'GET', 'CustomerGroups?$top=1'), part(8, 'GET', 'NoSuchSet')]));
    const text = await res.text();
    expect(text).toMatch(/Content-ID: 7\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(text).toMatch(/Content-ID: 8\r\n\r\nHTTP\/1\.1 404/);
  });

  it('resolves $<Content-ID> references inside a change set', async () => {
    const res = await send(
      batch([
        part(1, 'POST', 'Prospects', { Name: 'Ref', CustomerGroupId: '10' }),
        part(2, 'PATCH', '$1', { Name: 'Ref patched' }),
      ]),
    );
    const text = await res.text();
    expect(text).toMatch(/Content-ID: 2\r\n\r\nHTTP\/1\.1 204/);
    expect(t.sb.admin.dump('Prospects').some((p) => p.Name === 'Ref patched')).toBe(true);
  });

  it('refuses more than 5,000 operations and a body without a boundary', async () => {
    const ops = Array.from({ length: 5001 }, (_, i) => part(i + 1, 'GET', 'CustomerGroups?$top=1'));
    const res = await send(batch([], ops));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('up to 5000 operations');
    const bad = await t.call('/data/$batch', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(bad.status).toBe(400);
  });
});
