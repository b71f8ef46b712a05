import { COMPANIES } from '@flowline/d365-sandbox';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, ForbiddenError, NotFoundError } from '../http/errors.js';
import { parseMetadataSync } from '../metadata/parse-metadata.js';
import { contains, eq, isIn } from '../query/filter-ast.js';
import { type SandboxHarness, startHarness } from '../test-support/sandbox-client.js';

describe('reads against the D365 sandbox (HTTPS, msal client credentials)', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ pageSize: 100 });
  });
  afterAll(() => h.stop());

  it("parses the sandbox's $metadata: counts match an independent pass over the raw XML", async () => {
    const model = await h.client.metadata();
    const res = await request(`${h.sb.url}/data/$metadata`, {
      headers: { authorization: `Bearer ${await tokenFor(h)}` },
    });
    const xml = await res.body.text();
    const count = (re: RegExp) => (xml.match(re) ?? []).length;
    expect(Object.keys(model.entityTypes)).toHaveLength(count(/<EntityType /g));
    expect(Object.keys(model.enumTypes)).toHaveLength(count(/<EnumType /g));
    expect(Object.values(model.entitySets).length).toBe(count(/<EntitySet /g));
    const props = Object.values(model.entityTypes).reduce((n, t) => n + t.properties.length, 0);
    const complexProps = Object.values(model.complexTypes).reduce((n, t) => n + t.properties.length, 0);
    expect(props + complexProps).toBe(count(/<Property /g));
    expect(model.hash).toBe(parseMetadataSync(xml).hash);
    // Cached: the second call makes no request.
    expect(await h.client.metadata()).toBe(model);
  });

  it('profiles CustomersV3 with its composite key', async () => {
    const profile = await h.client.profile('CustomersV3');
    expect(profile.key).toEqual(['dataAreaId', 'CustomerAccount']);
    expect(profile.fields.find((f) => f.name === 'dataAreaId')).toMatchObject({
      keyIndex: 0,
      kind: 'string',
    });
  });

  it("reads the text of the profile's label ids from /Metadata/Labels, once each", async () => {
    const profile = await h.client.profile('CustomersV3');
    const ids = ['CustomerGroupId', 'CustomerAccount'].map(
      (n) => profile.fields.find((f) => f.name === n)!.label!,
    );
    expect(ids.every((id) => id.startsWith('@SYS'))).toBe(true);
    const before = h.sb.admin.counters().odataRequests;
    const texts = await h.client.labels([...ids, ids[0]!, '@SYS0', 'Not an id']);
    expect(Object.fromEntries(texts)).toEqual({
      [ids[0]!]: 'Customer group id',
      [ids[1]!]: 'Customer account',
    });
    // Three asked (the unknown @SYS0 too), the repeated one and the text without "@" not.
    expect(h.sb.admin.counters().odataRequests - before).toBe(3);
    await h.client.labels(ids);
    expect(h.sb.admin.counters().odataRequests - before).toBe(3);
  });

  it('stops asking for labels at the first refusal: an app F&O does not know sends no more than its cap', async () => {
    const profile = await h.client.profile('CustomersV3');
    const ids = profile.fields.map((f) => f.label!).filter((id) => id?.startsWith('@'));
    expect(ids.length).toBeGreaterThan(40);
    const refused = h.clientWith({
      maxConcurrency: 4,
      auth: {
        ...h.config.auth!,
        clientId: h.sb.clients.unregistered.clientId,
        clientSecret: h.sb.clients.unregistered.secret,
      },
    });
    const before = h.sb.admin.counters().odataRequests;
    const error = await refused.labels(ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(h.sb.admin.counters().odataRequests - before).toBeLessThanOrEqual(4);
    // Refusals are not kept: a second asking asks again.
    await refused.labels(ids.slice(0, 1)).catch(() => {});
    expect(h.sb.admin.counters().odataRequests - before).toBeLessThanOrEqual(5);
    expect(h.sb.admin.counters().odataRequests - before).toBeGreaterThan(1);
  });

  it('follows $skip nextLinks across companies, carrying cross-company=true, one page at a time', async () => {
    const pages: number[] = [];
    let total: number | undefined;
    for await (const page of h.client.queryPages('CustomersV3', {
      crossCompany: true,
      count: true,
      select: ['CustomerAccount', 'dataAreaId'],
    })) {
      pages.push(page.records.length);
      total ??= page.count;
      if (page.nextLink) expect(page.nextLink).toContain('cross-company=true');
    }
    const all = h.sb.admin.count('CustomersV3');
    expect(pages.reduce((a, b) => a + b, 0)).toBe(all);
    expect(total).toBe(all);
    expect(Math.max(...pages)).toBe(100);
    expect(pages.length).toBe(Math.ceil(all / 100));
  });

  it('reads only the default company without cross-company', async () => {
    const companies = new Set<string | undefined>();
    for await (const r of h.client.query('CustomersV3', { select: ['CustomerAccount', 'dataAreaId'] }))
      companies.add(r.dataAreaId);
    expect([...companies]).toEqual([h.sb.clients.registered.defaultCompany]);
  });

  it('filters with F&O wildcards, or-chains and enum literals; results match the data', async () => {
    const dump = h.sb.admin.dump('CustomersV3', 'usmf');
    const sample = dump[0]!;
    const name = String(sample.CustomerAccount);
    const part = name.slice(1, 4);
    const found = [];
    for await (const r of h.client.query('CustomersV3', { filter: contains('CustomerAccount', part) }))
      found.push(r.data.CustomerAccount);
    expect(found.sort()).toEqual(
      dump
        .map((d) => String(d.CustomerAccount))
        .filter((a) => a.includes(part))
        .sort(),
    );

    const groups = [...new Set(dump.map((d) => String(d.CustomerGroupId)))].slice(0, 2);
    let n = 0;
    for await (const _ of h.client.query('CustomersV3', { filter: isIn('CustomerGroupId', groups) })) n++;
    expect(n).toBe(dump.filter((d) => groups.includes(String(d.CustomerGroupId))).length);

    const profile = await h.client.profile('CustomersV3');
    const enumField = profile.fields.find((f) => f.kind === 'enum' && dump.some((d) => d[f.name] !== null))!;
    const member = String(dump.find((d) => d[enumField.name] !== null)![enumField.name]);
    let m = 0;
    for await (const _ of h.client.query('CustomersV3', {
      filter: eq(enumField.name, member),
      maxRecords: 10_000,
    }))
      m++;
    expect(m).toBe(dump.filter((d) => d[enumField.name] === member).length);
  });

  it('gets by key with tracked ETag, key and dataAreaId; NotFoundError otherwise', async () => {
    // A non-default company: the key read adds cross-company=true by itself.
    const company = Object.keys(COMPANIES).find((c) => c !== h.sb.clients.registered.defaultCompany)!;
    const sample = h.sb.admin.dump('CustomersV3', company)[0]!;
    const key = { dataAreaId: company, CustomerAccount: String(sample.CustomerAccount) };
    const got = await h.client.get('CustomersV3', key);
    expect(got.etag).toMatch(/^W\/"/);
    expect(got.key).toEqual(key);
    expect(got.dataAreaId).toBe(company);
    await expect(h.client.get('CustomersV3', { ...key, CustomerAccount: "NOPE'1" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('expands the first level with a nested $select', async () => {
    for await (const r of h.client.query('SalesOrderHeadersV2', {
      top: 2,
      select: ['SalesOrderNumber'],
      expand: [{ navigation: 'SalesOrderLines', select: ['ItemNumber', 'SalesOrderNumber'] }],
    })) {
      const lines = r.data.SalesOrderLines as Record<string, unknown>[];
      expect(Array.isArray(lines)).toBe(true);
      for (const line of lines) expect(line.SalesOrderNumber).toBe(r.data.SalesOrderNumber);
    }
  });

  it('reports a wrong secret as AuthenticationError and an unregistered app as ForbiddenError', async () => {
    const bad = h.clientWith({ auth: { ...h.config.auth!, clientSecret: 'wrong' } });
    const e1 = await bad
      .get('CustomerGroups', { dataAreaId: 'usmf', CustomerGroupId: 'x' })
      .catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(AuthenticationError);
    expect(String((e1 as Error).message)).toContain('flowline-demo');
    expect(String((e1 as Error).message)).not.toContain('wrong');
    const unregistered = h.clientWith({
      auth: {
        ...h.config.auth!,
        clientId: h.sb.clients.unregistered.clientId,
        clientSecret: h.sb.clients.unregistered.secret,
      },
    });
    const e2 = await unregistered.metadata().catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(ForbiddenError);
    expect((e2 as ForbiddenError).status).toBe(403);
    expect((e2 as Error).message).toMatch(/register its client ID/);
  });

  it('authenticates with a certificate', async () => {
    const cert = await h.sb.createClientCertificate('flowline-cert-app', 'usmf');
    const client = h.clientWith({
      auth: {
        ...h.config.auth!,
        clientId: 'flowline-cert-app',
        clientSecret: undefined,
        certificate: {
          privateKey: cert.privateKeyPem,
          thumbprintSha256: cert.thumbprintSha256,
          x5c: cert.certPem,
        },
      },
    });
    const page = await client.queryPages('CustomerGroups', { top: 1 }).next();
    expect(page.value?.records.length).toBe(1);
  });
});

describe('nextLinks that name another host (a load balancer), against the sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    // The sandbox writes this host into every nextLink; it resolves nowhere (".invalid").
    h = await startHarness({ pageSize: 7, compat: { nextLinkBase: 'https://lb.fno.invalid:8443/' } });
  });
  afterAll(() => h.stop());

  it('follows them at the configured service URL, keeping $skip and cross-company=true', async () => {
    const seen: string[] = [];
    const ids: string[] = [];
    for await (const page of h.client.queryPages('CustomerGroups', {
      crossCompany: true,
      select: ['CustomerGroupId', 'dataAreaId'],
    })) {
      if (page.nextLink) seen.push(page.nextLink);
      ids.push(...page.records.map((r) => `${r.data.dataAreaId}/${r.data.CustomerGroupId}`));
    }
    const all = h.sb.admin.count('CustomerGroups');
    expect(all).toBeGreaterThan(14);
    expect(ids).toHaveLength(all);
    expect(new Set(ids).size).toBe(all);
    expect(seen.length).toBe(Math.ceil(all / 7) - 1);
    for (const link of seen) {
      expect(link.startsWith(`${h.client.serviceRoot}/CustomerGroups?`)).toBe(true);
      expect(link).toMatch(/\$skip=\d+/);
      expect(link).toContain('cross-company=true');
    }
  });
});

async function tokenFor(h: SandboxHarness): Promise<string> {
  const { createMsalTokenProvider } = await import('../http/token-provider.js');
  const { createDispatcher } = await import('../http/http-stack.js');
  return createMsalTokenProvider(h.config.auth!, h.config.url, createDispatcher(h.config.http)).getToken();
}
