import { validateMap } from '@flowline/mapping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { executionsTestBed, waitFor } from '../executions/test-fixtures.js';
import { signIn } from '../test/test-app.js';

// The example process, made against a real sandbox over HTTPS and run by a real worker.
let bed: Awaited<ReturnType<typeof executionsTestBed>>;

beforeAll(async () => {
  bed = await executionsTestBed(40, { seedCompanies: ['usmf'], localSandbox: true });
  await bed.app.executions.start({ databaseUrl: bed.url, worker: true, runner: { heartbeatMs: 300 } });
});
afterAll(() => bed?.close());

const usrt = () => bed.sandbox.admin.dump('CustomersV3', 'usrt');
const counts = async () => ({
  folders: await bed.db.folder.count(),
  components: await bed.db.component.count(),
});

async function run(processId: string, mode: 'preview' | 'full') {
  const res = await bed.operator.post(`/api/processes/${processId}/executions`, { mode });
  expect(res.statusCode, res.body).toBe(202);
  const done = await waitFor(bed.operator, res.json().id);
  expect(done.status, JSON.stringify(done.logs)).toBe('succeeded');
  return done;
}

describe('POST /api/sandbox/example', () => {
  it('makes a process that previews, copies usmf’s first 25 customers into usrt, and runs again without a duplicate', async () => {
    const res = await bed.designer.post('/api/sandbox/example');
    expect(res.statusCode, res.body).toBe(201);
    const example = res.json();
    expect(res.headers.location).toBe(`/api/components/${example.processId}`);
    expect(example.folder.name).toBe('Example: copy customers');
    expect(example.components.map((c: { type: string; name: string }) => `${c.type}: ${c.name}`)).toEqual([
      'connection: Local D365 sandbox',
      'operation: usmf customers',
      'operation: Upsert usrt customer',
      'map: usmf to usrt customers',
      'process: Copy customers usmf to usrt',
    ]);
    const listed = await bed.viewer.get(`/api/components?folderId=${example.folder.id}&limit=50`);
    expect(listed.json().total).toBe(5);
    // Its map checks clean: the sandbox asks for a customer's group and currency, as F&O does, not
    // for every field its $metadata says cannot be null.
    const map = await bed.viewer.get(`/api/components/${example.components[3].id}`);
    expect(validateMap(map.json().body).errors).toEqual([]);
    // Its secret, as every connection's, is sealed and never answered.
    expect(res.body).not.toContain(bed.sandbox.clients.registered.secret);

    const before = usrt().length;
    const preview = await run(example.processId, 'preview');
    expect(preview.shapes.write).toMatchObject({ in: 25, out: 25, failed: 0, would: { create: 25 } });
    expect(usrt()).toHaveLength(before);

    const first = await run(example.processId, 'full');
    expect(first.shapes.start.out).toBe(25);
    expect(first.shapes.write).toMatchObject({ in: 25, out: 25, failed: 0 });
    const copied = usrt().filter((c) => String(c.CustomerAccount).startsWith('USMF-'));
    expect(copied.map((c) => c.CustomerAccount)).toEqual(
      Array.from({ length: 25 }, (_, i) => `USMF-${String(i + 1).padStart(6, '0')}`),
    );
    const source = bed.sandbox.admin.dump('CustomersV3', 'usmf')[0]!;
    expect(copied[0]).toMatchObject({
      dataAreaId: 'usrt',
      OrganizationName: source.OrganizationName,
      CustomerGroupId: source.CustomerGroupId,
    });

    // An upsert: the second run updates the same records.
    const second = await run(example.processId, 'full');
    expect(second.shapes.write).toMatchObject({ in: 25, out: 25, failed: 0 });
    expect(usrt()).toHaveLength(before + 25);
  });

  it('makes the next one apart: its own folder, its components named apart', async () => {
    const res = await bed.designer.post('/api/sandbox/example', {});
    expect(res.statusCode, res.body).toBe(201);
    const example = res.json();
    expect(example.folder.name).toBe('Example: copy customers 2');
    expect(example.components.map((c: { name: string }) => c.name)).toEqual([
      'Local D365 sandbox 2',
      'usmf customers 2',
      'Upsert usrt customer 2',
      'usmf to usrt customers 2',
      'Copy customers usmf to usrt 2',
    ]);
  });

  it('refuses viewers and unknown fields, and says when the sandbox does not run; nothing is made', async () => {
    const before = await counts();
    expect((await bed.viewer.post('/api/sandbox/example')).statusCode).toBe(403);
    const unknown = await bed.designer.post('/api/sandbox/example', { folderId: null });
    expect(unknown.statusCode).toBe(400);
    const without = await buildApp({ db: bed.db, version: 'test', secretKey: Buffer.alloc(32, 9) });
    try {
      const designer = await signIn(without, bed.db, 'designer');
      const res = await designer.post('/api/sandbox/example');
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toContain('not running');
    } finally {
      await without.close();
    }
    expect(await counts()).toEqual(before);
  });

  it('removes its folder and connection again when the sandbox does not answer, and says why', async () => {
    const before = await counts();
    const gone = await buildApp({
      db: bed.db,
      version: 'test',
      secretKey: Buffer.alloc(32, 9),
      connectionDefaults: { allowedHosts: ['127.0.0.1'] },
      // A port nobody listens on.
      sandbox: {
        url: 'http://127.0.0.1:9',
        tenant: 'sandbox',
        clientId: 'flowline-demo',
        clientSecret: 'flowline-demo-secret',
        authorityHost: '127.0.0.1:9',
      },
    });
    try {
      const designer = await signIn(gone, bed.db, 'designer');
      const res = await designer.post('/api/sandbox/example');
      expect(res.statusCode, res.body).toBe(502);
      expect(res.json().detail).toMatch(/^Could not read \$metadata/);
    } finally {
      await gone.close();
    }
    expect(await counts()).toEqual(before);
  });
});
