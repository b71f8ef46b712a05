import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyMigrations, readMigrations, readSchema } from './migrations.js';
import { openSchemaEngine } from './schema-engine.js';
import { type ScratchDatabases, scratchDatabases } from './scratch-database.js';

let dbs: ScratchDatabases;
beforeAll(async () => {
  dbs = await scratchDatabases('flowline_upgrade');
});
afterAll(() => dbs.close());

/** Applies the migrations older than `name`, as a database made before it holds them. */
async function migrateUpTo(url: string, name: string): Promise<void> {
  const all = await readMigrations();
  const older = all.migrationDirectories.filter((m) => m.path < name);
  const engine = await openSchemaEngine(url, { datamodel: await readSchema() });
  try {
    await engine.applyMigrations({
      migrationsList: { ...all, migrationDirectories: older },
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    engine.free();
  }
}

it('an upgrade folds the key values tracked before it, so the search finds them whatever their capitals', async () => {
  await migrateUpTo(dbs.url, '20261129095404_tracked_property_folded');
  const db = new pg.Client({ connectionString: dbs.url });
  await db.connect();
  try {
    const process = await db.query(
      `INSERT INTO "Component" (id, type, name, "updatedAt") VALUES (gen_random_uuid(), 'process', 'p', now()) RETURNING id`,
    );
    const execution = await db.query(
      `INSERT INTO "Execution" (id, "processId", "processVersion", "processName", status, mode)
       VALUES (gen_random_uuid(), $1, 1, 'p', 'succeeded', 'full') RETURNING id`,
      [process.rows[0].id],
    );
    await db.query(
      `INSERT INTO "TrackedProperty" ("executionId", "shapeId", "documentId", name, value)
       VALUES ($1, 'w', 'd', 'CustomerAccount', 'US-001')`,
      [execution.rows[0].id],
    );
    expect(await applyMigrations(dbs.url)).toEqual(['20261129095404_tracked_property_folded']);
    const { rows } = await db.query(`SELECT value, folded FROM "TrackedProperty"`);
    expect(rows).toEqual([{ value: 'US-001', folded: 'us-001' }]);
  } finally {
    await db.end();
  }
});
