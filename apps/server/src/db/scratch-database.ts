import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ScratchDatabases {
  /** An empty database. */
  url: string;
  /** Creates another empty database and answers its URL. */
  create(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Throwaway databases for tools and tests: on the PostgreSQL at `FLOWLINE_TEST_DATABASE_URL`
 * (a maintenance database URL, e.g. `postgresql://user:pw@host/postgres`) when set, else on an
 * embedded PostgreSQL in a temporary folder that is removed on close.
 */
export async function scratchDatabases(prefix = 'flowline_scratch'): Promise<ScratchDatabases> {
  const external = process.env.FLOWLINE_TEST_DATABASE_URL;
  const dir = external ? undefined : mkdtempSync(join(tmpdir(), 'flowline-pg-'));
  const server = dir ? await startEmbeddedPostgres({ dataDir: dir, database: 'postgres' }) : undefined;
  const adminUrl = external ?? server!.adminUrl;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const made: string[] = [];
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const create = async (name: string) => {
    const db = `${prefix}_${name}_${suffix}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await admin.query(`CREATE DATABASE "${db}"`);
    made.push(db);
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return url.toString();
  };
  return {
    url: await create('main'),
    create,
    async close() {
      for (const db of made)
        await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => {});
      await admin.end();
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
