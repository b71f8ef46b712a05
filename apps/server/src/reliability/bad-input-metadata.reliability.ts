import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, testApp } from '../test/test-app.js';
import { isProblem } from './support/api-routes.js';
import { DbWatch } from './support/db-snapshot.js';

// Section 1 of docs/reliability.md, where bad input enters from outside the API: a service answering
// a malformed `$metadata`, and bundles that break the schema or reference what is not there.
let t: Awaited<ReturnType<typeof testApp>>;
let designer: Client;
let watch: DbWatch;
let service: Server;
/** A real OData service's document (shared test data). */
const TRIPPIN = readFileSync(
  new URL('../../../../../shared/data/metadata/TripPin.xml', import.meta.url),
  'utf8',
);
let metadata: Buffer = Buffer.from(TRIPPIN);
const figures = { metadataCases: 0, importCases: 0, fiveHundreds: 0 };

beforeAll(async () => {
  t = await testApp();
  designer = await t.as('designer');
  watch = await DbWatch.open(t.url);
  service = createServer((req, res) => {
    if (req.url?.endsWith('/$metadata'))
      res.writeHead(200, { 'content-type': 'application/xml' }).end(metadata);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  console.log(`reliability: malformed $metadata cases through the server: ${figures.metadataCases}`);
  console.log(`reliability: broken bundle imports: ${figures.importCases}`);
  console.log(`reliability: 5xx seen (metadata and imports): ${figures.fiveHundreds}`);
  await watch.close();
  await t.close();
  await new Promise((resolve) => service.close(resolve));
});

const deep = `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">${'<a>'.repeat(100_000)}`;
const MALFORMED: [string, Buffer][] = [
  ['truncated', Buffer.from(TRIPPIN.slice(0, 1500))],
  [
    'billion laughs',
    Buffer.from(
      `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><edmx:Edmx>&b;</edmx:Edmx>`,
    ),
  ],
  ['UTF-16 without BOM', Buffer.from(TRIPPIN, 'utf16le')],
  // An "é" in Latin-1: refused where it stands, not read with a replacement character.
  ['Latin-1', Buffer.from(TRIPPIN.replace('Trip', 'Tríp'), 'latin1')],
  ['100,000 levels', Buffer.from(deep)],
  ['an HTML error page', Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>')],
  ['not XML', Buffer.from('{"error":"nope"}')],
  ['empty', Buffer.alloc(0)],
];

describe('a service answering a malformed $metadata', () => {
  it('gets a 4xx problem naming $metadata, and loses nothing stored', async () => {
    metadata = Buffer.from(TRIPPIN);
    const root = `http://127.0.0.1:${(service.address() as { port: number }).port}/data`;
    const created = await designer.post('/api/components', {
      type: 'connection',
      name: 'Flaky service',
      body: { schemaVersion: 1, serviceUrl: root, auth: { kind: 'none' }, dialect: 'odata' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const good = await designer.get(`/api/connections/${id}/entity-sets`);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().items.map((s: { name: string }) => s.name)).toContain('People');

    const samples = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: 20, seed: 3 });
    const cases = [
      ...MALFORMED,
      ...samples.map((b, i): [string, Buffer] => [
        `random bytes ${i}`,
        Buffer.concat([Buffer.from(TRIPPIN.slice(0, 900)), Buffer.from(b)]),
      ]),
    ];
    for (const [what, bytes] of cases) {
      metadata = bytes;
      const before = await watch.fingerprint();
      const refreshed = await designer.get(`/api/connections/${id}/entity-sets?refresh=true`);
      figures.metadataCases++;
      if (refreshed.statusCode >= 500) figures.fiveHundreds++;
      expect(refreshed.statusCode, `${what}: ${refreshed.body}`).toBe(422);
      expect(isProblem(refreshed), what).toBe(true);
      expect(refreshed.json().detail, what).toMatch(/\$metadata.*line \d+, column \d+/);
      expect(await watch.fingerprint(), `${what} wrote to the database`).toBe(before);
      // What was read before is still there and still answers.
      const cached = await designer.get(`/api/connections/${id}/entity-sets`);
      expect(cached.json(), what).toEqual(good.json());
      const tested = await designer.post(`/api/connections/${id}/test`);
      expect(tested.statusCode, `${what}: ${tested.body}`).toBe(200);
      expect(tested.json().steps.find((s: { step: string }) => s.step === 'metadata')).toMatchObject({
        ok: false,
      });
    }
  });
});

describe('bundle imports that break the schema or reference what is missing', () => {
  it('are refused whole: nothing written', async () => {
    const post = (type: string, name: string, body: unknown) =>
      designer.post('/api/components', { type, name, body });
    const connection = (
      await post('connection', 'Bundle source', {
        schemaVersion: 1,
        serviceUrl: 'https://contoso.operations.dynamics.com',
        auth: { kind: 'none' },
      })
    ).json();
    const operation = (
      await post('operation', 'Bundle read', {
        schemaVersion: 1,
        connectionId: connection.id,
        action: 'query',
        entitySet: 'CustomersV3',
      })
    ).json();
    const exported = (await designer.get(`/api/components/${operation.id}/export`)).json();
    expect(exported.components).toHaveLength(2);
    const fresh = () => {
      const b = structuredClone(exported);
      const ids = [crypto.randomUUID(), crypto.randomUUID()];
      b.components[0].id = ids[0];
      b.components[1].id = ids[1];
      b.components[1].body.connectionId = ids[0];
      b.rootId = ids[1];
      return b as {
        rootId: string;
        components: { id: string; type: string; name: string; body: Record<string, unknown> }[];
      };
    };
    const breakages: fc.Arbitrary<(b: ReturnType<typeof fresh>) => void> = fc.oneof(
      fc.constant((b: ReturnType<typeof fresh>) => void b.components.shift()),
      fc.uuid({ version: 4 }).map((missing) => (b: ReturnType<typeof fresh>) => {
        const c = b.components[1];
        if (c) c.body.connectionId = missing;
      }),
      fc
        .record({
          at: fc.nat(1),
          field: fc.constantFrom(
            'action',
            'entitySet',
            'schemaVersion',
            'serviceUrl',
            'auth',
            'connectionId',
            'extra',
          ),
          value: fc.constantFrom(42, 'fly', null, [], { x: 1 }, '', 'x'.repeat(10_000)),
        })
        .map(({ at, field, value }) => (b: ReturnType<typeof fresh>) => {
          const c = b.components[at];
          if (c) c.body[field] = value;
        }),
      fc.constantFrom('robot', 'process', 'map').map((type) => (b: ReturnType<typeof fresh>) => {
        if (b.components[0]) b.components[0].type = type;
      }),
      fc.constant((b: ReturnType<typeof fresh>) => {
        if (b.components[1] && b.components[0]) b.components[1].id = b.components[0].id;
      }),
      fc.constant((b: ReturnType<typeof fresh>) => {
        if (b.components[0]) b.components[0].name = '';
      }),
    );
    const plans = fc.sample(fc.array(breakages, { minLength: 1, maxLength: 3 }), { numRuns: 60, seed: 8 });
    let refused = 0;
    for (const plan of plans) {
      const bundle = fresh();
      for (const breakIt of plan) breakIt(bundle);
      const before = await watch.fingerprint();
      const res = await designer.post('/api/components/import', { bundle, existing: 'keep' });
      figures.importCases++;
      if (res.statusCode >= 500) figures.fiveHundreds++;
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) {
        refused++;
        expect(isProblem(res)).toBe(true);
        expect(await watch.fingerprint(), `refused (${res.statusCode}) but wrote: ${res.body}`).toBe(before);
        for (const c of bundle.components)
          expect((await designer.get(`/api/components/${c.id}`)).statusCode).toBe(404);
      }
    }
    console.log(`reliability: broken bundle imports refused whole: ${refused}`);
    expect(refused).toBeGreaterThan(plans.length / 2);
  });
});
