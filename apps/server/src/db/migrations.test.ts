import { afterAll, beforeAll, expect, it } from 'vitest';
import { pendingSchemaSql } from './migrations.js';
import { type ScratchDatabases, scratchDatabases } from './scratch-database.js';

let dbs: ScratchDatabases;
beforeAll(async () => {
  dbs = await scratchDatabases('flowline_drift');
});
afterAll(() => dbs.close());

it('schema.prisma and prisma/migrations agree (run `pnpm db:migration:create <name>` when this fails)', async () => {
  expect(await pendingSchemaSql(dbs.url)).toBe('');
});
