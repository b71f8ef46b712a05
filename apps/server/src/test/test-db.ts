import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/prisma.js';

/** A fresh copy of the migrated template database, for one test file; `drop` removes it. */
export async function testDb(): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const template = new URL(inject('templateUrl'));
  const name = `${template.pathname.slice(1)}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new URL(template);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template.pathname.slice(1)}"`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 5);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.$disconnect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
