import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../db/migrations.js';
import { scratchDatabases } from '../db/scratch-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database that test files copy (CREATE DATABASE ... TEMPLATE). */
    templateUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run (embedded, or FLOWLINE_TEST_DATABASE_URL's server), with a
 * migrated template database; each test file gets its own copy of it.
 */
export default async function setup(project: TestProject) {
  const dbs = await scratchDatabases('flowline_test');
  await applyMigrations(dbs.url);
  // Copies need the template to themselves: close what the schema engine left connected.
  const admin = new URL(dbs.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [new URL(dbs.url).pathname.slice(1)],
  );
  await client.end();
  project.provide('templateUrl', dbs.url);
  return () => dbs.close();
}
