import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { applyProposals, createMap, proposeRules, validateMap } from '@flowline/mapping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { Db } from '../db/prisma.js';
import { type Client, signIn } from '../test/test-app.js';
import { testDb } from '../test/test-db.js';

// A real sandbox over HTTPS (MSAL insists on an https authority), trusted through its CA.
let sandbox: Sandbox;
let db: Db;
let designer: Client;
let close: () => Promise<void>;

/** The app on the test's database: called again, it is a restarted server (nothing kept in memory). */
const appOn = (database: Db) =>
  buildApp({
    db: database,
    version: 'test',
    secretKey: Buffer.alloc(32, 7),
    connectionDefaults: { ca: [readFileSync(sandbox.caCertPath!, 'utf8')] },
  });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, https: true });
  const test = await testDb();
  db = test.db;
  const app = await appOn(db);
  designer = await signIn(app, db, 'designer');
  close = async () => {
    await app.close();
    await test.drop();
    await sandbox.stop();
  };
});
afterAll(() => close());

async function connection(
  name: string,
  overrides: Record<string, unknown> = {},
  secret = sandbox.clients.registered.secret,
) {
  const authority = new URL(sandbox.authority);
  const res = await designer.post('/api/components', {
    type: 'connection',
    name,
    body: {
      schemaVersion: 1,
      serviceUrl: sandbox.url,
      auth: {
        kind: 'clientSecret',
        tenant: 'sandbox',
        clientId: sandbox.clients.registered.clientId,
        clientSecret: secret,
        authorityHost: authority.host,
      },
      defaultLegalEntity: 'usmf',
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('POST /api/connections/:id/test', () => {
  it('passes every step against the sandbox, each with its time', async () => {
    const id = await connection('Sandbox');
    const res = await designer.post(`/api/connections/${id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.ok).toBe(true);
    expect(result.steps.map((s: { step: string; ok: boolean }) => [s.step, s.ok])).toEqual([
      ['token', true],
      ['metadata', true],
      ['record', true],
    ]);
    expect(result.steps[2].detail).toContain('usmf');
    for (const step of result.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
  });

  it('explains a wrong secret, an app F&O does not know, and an unreachable host', async () => {
    const wrongSecret = await connection('Wrong secret', {}, 'not-the-secret');
    const bad = (await designer.post(`/api/connections/${wrongSecret}/test`)).json();
    expect(bad.ok).toBe(false);
    expect(bad.steps[0]).toMatchObject({ step: 'token', ok: false });
    expect(bad.steps[0].explanation).toMatch(/client secret|client id/);
    expect(JSON.stringify(bad)).not.toContain('not-the-secret');

    const authority = new URL(sandbox.authority);
    const unregistered = await connection('Unregistered', {
      auth: {
        kind: 'clientSecret',
        tenant: 'sandbox',
        clientId: sandbox.clients.unregistered.clientId,
        clientSecret: sandbox.clients.unregistered.secret,
        authorityHost: authority.host,
      },
    });
    const forbidden = (await designer.post(`/api/connections/${unregistered}/test`)).json();
    expect(forbidden.steps.map((s: { ok: boolean }) => s.ok)).toEqual([true, false]);
    expect(forbidden.steps[1].explanation).toMatch(/Microsoft Entra ID applications/);

    const nowhere = await connection('Nowhere', { serviceUrl: 'http://127.0.0.1:9', auth: { kind: 'none' } });
    const unreachable = (await designer.post(`/api/connections/${nowhere}/test`)).json();
    expect(unreachable.steps[0]).toMatchObject({ step: 'metadata', ok: false });
    expect(unreachable.steps[0].explanation).toMatch(/cannot be reached/);
  });

  it("refuses hosts an administrator did not allow (the server's internals, private networks)", async () => {
    const metadataService = await connection('Cloud metadata', {
      serviceUrl: 'http://169.254.169.254',
      auth: { kind: 'none' },
    });
    const res = await designer.post(`/api/connections/${metadataService}/test`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: '/body/serviceUrl' });
    expect(res.json().detail).toMatch(/FLOWLINE_ALLOWED_HOSTS/);
  });

  it('says what is missing before trying', async () => {
    const res = await designer.post('/api/components', { type: 'connection', name: 'Empty' });
    const test = await designer.post(`/api/connections/${res.json().id}/test`);
    expect(test.statusCode).toBe(422);
    expect(test.json().detail).toMatch(/service URL/);
  });
});

describe('metadata browse', () => {
  it('lists and searches entity sets with labels and keys, and answers profiles', async () => {
    const id = await connection('Browse');
    const all = await designer.get(`/api/connections/${id}/entity-sets?limit=5000`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBeGreaterThan(300);
    const customers = await designer.get(`/api/connections/${id}/entity-sets?search=customersv3`);
    const set = customers.json().items.find((s: { name: string }) => s.name === 'CustomersV3');
    expect(set).toMatchObject({
      entityType: 'Microsoft.Dynamics.DataEntities.CustomerV3',
      key: ['dataAreaId', 'CustomerAccount'],
    });

    const started = performance.now();
    await designer.get(`/api/connections/${id}/entity-sets?search=vendor`);
    expect(performance.now() - started).toBeLessThan(1000);

    const profile = await designer.get(`/api/connections/${id}/entity-sets/CustomersV3/profile`);
    expect(profile.statusCode).toBe(200);
    const fields = profile.json().profile.fields as {
      name: string;
      keyIndex?: number;
      enumMembers?: unknown[];
    }[];
    expect(fields.find((f) => f.name === 'dataAreaId')?.keyIndex).toBe(0);
    expect(fields.some((f) => (f.enumMembers?.length ?? 0) > 0)).toBe(true);

    // Fields inside a navigation keep their type and hints, so loops over them can be checked.
    const orders = (
      await designer.get(`/api/connections/${id}/entity-sets/SalesOrderHeadersV2/profile`)
    ).json();
    const nested = (orders.profile.fields as { kind: string; fields?: Record<string, unknown>[] }[]).find(
      (f) => f.kind === 'navigation' && f.fields?.length,
    );
    expect(
      nested?.fields?.every((f) => typeof f.edmType === 'string' && typeof f.nullable === 'boolean'),
    ).toBe(true);

    const wrongCase = await designer.get(`/api/connections/${id}/entity-sets/customersv3/profile`);
    expect(wrongCase.statusCode).toBe(404);
    expect(wrongCase.json().detail).toContain('CustomersV3');
  });

  it("says F&O's label ids in words, once per environment; without the label service the ids stay", async () => {
    const labelOf = async (id: string, set: string, field: string) => {
      const res = await designer.get(`/api/connections/${id}/entity-sets/${set}/profile`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().profile.fields as { name: string; label?: string; labelId?: string }[]).find(
        (f) => f.name === field,
      );
    };
    const first = await connection('Labels');
    expect(await labelOf(first, 'CustomersV3', 'CustomerGroupId')).toMatchObject({
      label: 'Customer group id',
      labelId: expect.stringMatching(/^@SYS\d+$/),
    });
    // Another connection to the same environment asks for none of them again.
    const second = await connection('Labels again');
    const before = sandbox.admin.counters().odataRequests;
    expect((await labelOf(second, 'CustomersV3', 'CustomerAccount'))?.label).toBe('Customer account');
    expect(sandbox.admin.counters().odataRequests).toBe(before);
    // An app F&O refuses (403) still gets the profile (its $metadata is already known), with the ids.
    const refused = await connection('Labels refused', {
      auth: {
        kind: 'clientSecret',
        tenant: 'sandbox',
        clientId: sandbox.clients.unregistered.clientId,
        clientSecret: sandbox.clients.unregistered.secret,
        authorityHost: new URL(sandbox.authority).host,
      },
    });
    const vendor = await labelOf(refused, 'VendorsV2', 'VendorAccountNumber');
    expect(vendor?.label).toMatch(/^@SYS\d+$/);
    expect(vendor?.labelId).toBeUndefined();
  });

  it('keeps label texts in PostgreSQL: a restarted server asks the environment for none of them', async () => {
    const id = await connection('Labels kept');
    const fields = async (client: Client) => {
      const res = await client.get(`/api/connections/${id}/entity-sets/CustomerGroups/profile`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().profile.fields as { name: string; label?: string; labelId?: string }[];
    };
    const first = await fields(designer);
    const description = first.find((f) => f.name === 'Description')!;
    expect(description.label).toBe('Description');
    const kept = await db.labelText.findFirst({
      where: { serviceUrl: sandbox.url, language: 'en-us', labelId: description.labelId! },
    });
    expect(kept?.text).toBe('Description');

    const restarted = await appOn(db);
    try {
      const before = sandbox.admin.counters().odataRequests;
      expect(await fields(await signIn(restarted, db, 'designer'))).toEqual(first);
      expect(sandbox.admin.counters().odataRequests).toBe(before);
    } finally {
      await restarted.close();
    }
  });

  it("says labels in the connection's language, kept apart from other languages", async () => {
    const english = await connection('English labels');
    const groupOf = async (id: string) => {
      const res = await designer.get(`/api/connections/${id}/entity-sets/CustomersV3/profile`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().profile.fields as { name: string; label?: string; labelId?: string }[]).find(
        (f) => f.name === 'CustomerGroupId',
      )!;
    };
    const { labelId } = await groupOf(english);
    // As a German environment would answer it (the sandbox says every language in English).
    await db.labelText.create({
      data: { serviceUrl: sandbox.url, language: 'de', labelId: labelId!, text: 'Debitorengruppe' },
    });
    const german = await connection('German labels', { labelLanguage: 'DE' });
    expect(await groupOf(german)).toMatchObject({ label: 'Debitorengruppe', labelId });
    expect(await groupOf(english)).toMatchObject({ label: 'Customer group id', labelId });
    // The other labels were asked in German, and kept under it.
    expect(await db.labelText.count({ where: { serviceUrl: sandbox.url, language: 'de' } })).toBeGreaterThan(
      1,
    );

    const bad = await designer.post('/api/components', {
      type: 'connection',
      name: 'Bad language',
      body: { schemaVersion: 1, labelLanguage: 'en_US; drop' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('labelLanguage');
  });

  it('keeps parsed $metadata in PostgreSQL', async () => {
    const id = await connection('Cached');
    await designer.get(`/api/connections/${id}/entity-sets?search=x`);
    const body = (await designer.get(`/api/components/${id}`)).json().body;
    expect(body.serviceUrl).toBe(sandbox.url);
  });

  it("auto-maps the sandbox's customers of one legal entity onto another's, and the map validates", async () => {
    const id = await connection('Customers map');
    const { profile } = (await designer.get(`/api/connections/${id}/entity-sets/CustomersV3/profile`)).json();
    const map = createMap('USMF customers to USRT', profile, profile);
    const proposals = proposeRules(map);
    const mapped = applyProposals(map, proposals);
    const writable = profile.fields.filter(
      (f: { readOnly?: boolean; kind: string }) => !f.readOnly && f.kind !== 'navigation',
    );
    expect(mapped.rules.length).toBe(writable.length);
    expect(proposals.every((p) => p.confidence === 1)).toBe(true);
    const result = validateMap(mapped);
    expect(result.errors).toEqual([]);
    const saved = await designer.post('/api/components', {
      type: 'map',
      name: 'USMF customers to USRT',
      body: mapped,
    });
    expect(saved.statusCode, saved.body).toBe(201);
  });

  /** The drift of a query operation on CustomerGroups that took `snapshot` as its profile. */
  const driftOf = async (connectionId: string, snapshot: unknown, metadataHash?: string) => {
    const op = await designer.post('/api/components', {
      type: 'operation',
      name: `Groups ${Math.random().toString(36).slice(2, 8)}`,
      body: {
        schemaVersion: 1,
        connectionId,
        action: 'query',
        entitySet: 'CustomerGroups',
        responseProfile: snapshot,
        ...(metadataHash ? { metadataHash } : {}),
      },
    });
    expect(op.statusCode, op.body).toBe(201);
    return (await designer.get(`/api/operations/${op.json().id}/profile-drift`)).json();
  };
  const groupsProfile = async (connectionId: string) =>
    (await designer.get(`/api/connections/${connectionId}/entity-sets/CustomerGroups/profile`)).json()
      .profile;

  it('shows what changed since an operation took its profile snapshot', async () => {
    const id = await connection('Drift');
    const snapshot = await groupsProfile(id);
    snapshot.fields = snapshot.fields.filter((f: { name: string }) => f.name !== 'Description');
    snapshot.fields.push({ name: 'Retired', kind: 'string', edmType: 'Edm.String', nullable: true });
    expect(await driftOf(id, snapshot, 'old')).toMatchObject({
      upToDate: false,
      added: ['Description'],
      removed: ['Retired'],
      snapshotHash: 'old',
    });
  });

  it('offers the labels a snapshot took as ids, once they are known', async () => {
    const id = await connection('Late labels');
    const profile = await groupsProfile(id);
    const described = profile.fields.find((f: { name: string }) => f.name === 'Description');
    // As a first read whose labels took longer than the wait left it: ids where the words go.
    const snapshot = structuredClone(profile);
    for (const f of snapshot.fields as { label?: string; labelId?: string }[]) {
      if (f.labelId) f.label = f.labelId;
      delete f.labelId;
    }
    const drift = await driftOf(id, snapshot);
    expect(drift.upToDate).toBe(true);
    expect(drift.labels).toMatchObject({ [described.labelId]: 'Description' });
    // A snapshot already in words has nothing to take.
    expect((await driftOf(id, profile)).labels).toBeUndefined();
  });
});
