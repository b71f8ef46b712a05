import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

const admin = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${t.sb.url}/_sandbox${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('/_sandbox admin endpoints', () => {
  it('counts an entity set, per company or in total', async () => {
    expect(await (await admin('/count/CustomersV3?company=usmf')).json()).toEqual({
      set: 'CustomersV3',
      company: 'usmf',
      count: 40,
    });
    expect(((await (await admin('/count/CustomersV3')).json()) as { count: number }).count).toBe(160);
  });

  it('dumps an entity set and resets writes', async () => {
    await t.call('/data/CustomerGroups', { method: 'POST', body: { CustomerGroupId: 'ADM' } });
    const dump = (await (await admin('/dump/CustomerGroups?company=usmf')).json()) as {
      value: { CustomerGroupId: string }[];
    };
    expect(dump.value.map((g) => g.CustomerGroupId)).toContain('ADM');
    expect((await admin('/reset', 'POST')).status).toBe(200);
    const after = (await (await admin('/dump/CustomerGroups?company=usmf')).json()) as {
      value: { CustomerGroupId: string }[];
    };
    expect(after.value.map((g) => g.CustomerGroupId)).not.toContain('ADM');
  });

  it('configures faults, latency and limits at run time', async () => {
    const cfg = (await (
      await admin('/config', 'PUT', { faults: { rate503: 0.5 }, latency: [1, 2] })
    ).json()) as {
      faults: { rate503: number };
      latency: number[];
    };
    expect(cfg.faults.rate503).toBe(0.5);
    expect(cfg.latency).toEqual([1, 2]);
    await admin('/config', 'PUT', { faults: { rate503: 0 }, latency: 0 });
  });

  it('counts requests, statuses and writes so tests can compare with a client', async () => {
    await admin('/counters', 'DELETE');
    await t.call('/data/CustomerGroups?$top=1');
    await t.call('/data/Nope');
    await t.call('/data/CustomerGroups', { method: 'POST', body: { CustomerGroupId: 'CNT' } });
    const c = (await (await admin('/counters')).json()) as {
      odataRequests: number;
      byStatus: Record<string, number>;
      writes: { created: number };
    };
    expect(c.odataRequests).toBe(3);
    expect(c.byStatus).toMatchObject({ '200': 1, '404': 1, '201': 1 });
    expect(c.writes.created).toBe(1);
  });

  it('registers clients, in Entra only or in F&O too', async () => {
    const reg = await admin('/clients', 'POST', {
      clientId: 'etl-app',
      secret: 's3cret',
      defaultCompany: 'DEMF',
    });
    expect(await reg.json()).toMatchObject({
      clientId: 'etl-app',
      fnoRegistered: true,
      defaultCompany: 'demf',
    });
    await admin('/clients', 'POST', { clientId: 'entra-only', secret: 'x', fnoRegistered: false });
    const tokenFor = async (id: string, secret: string) => {
      const res = await fetch(`${t.sb.url}/sandbox/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: id,
          client_secret: secret,
          scope: `${t.sb.url}/.default`,
        }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const read = async (token: string) =>
      fetch(`${t.sb.odataUrl}/CustomerGroups?$top=1`, { headers: { authorization: `Bearer ${token}` } });
    const ok = await read(await tokenFor('etl-app', 's3cret'));
    expect(((await ok.json()) as { value: { dataAreaId: string }[] }).value[0]!.dataAreaId).toBe('demf');
    expect((await read(await tokenFor('entra-only', 'x'))).status).toBe(403);
  });

  it('names an unknown entity set', async () => {
    const r = await admin('/count/customersv3');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toContain("Unknown entity set 'customersv3'");
  });
});

describe('deterministic seed', () => {
  it('generates the same rows for the same seed and different rows for another', async () => {
    const { startSandbox } = await import('./sandbox.js');
    const size = { CustomersV3: 5, SalesOrderHeadersV2: 5, SalesOrderLines: 10 };
    const [a, b, c] = await Promise.all([
      startSandbox({ seed: 3, seedSize: size }),
      startSandbox({ seed: 3, seedSize: size }),
      startSandbox({ seed: 4, seedSize: size }),
    ]);
    try {
      const lines = (s: typeof a) => JSON.stringify(s.admin.dump('SalesOrderLines'));
      expect(lines(a)).toBe(lines(b));
      expect(lines(a)).not.toBe(lines(c));
      expect(a.admin.count('SalesOrderLines', 'usmf')).toBe(10);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('answers a request received before a reset into the counters it was counted in', async () => {
    t.sb.admin.configure({ latency: 300 });
    try {
      const slow = t.call('/data/CustomerGroups?$top=1');
      await new Promise((r) => setTimeout(r, 100));
      t.sb.admin.reset();
      await (await slow).text();
      const c = t.sb.admin.counters();
      const answered = Object.values(c.byStatus).reduce((a, b) => a + b, 0);
      // Nothing is in flight: requests since the reset minus their answers is zero, not -1.
      expect(c.requests - answered).toBe(0);
    } finally {
      t.sb.admin.configure({ latency: 0 });
    }
  });
});
