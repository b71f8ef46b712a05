/**
 * `pnpm db:migration:create <name>`: writes the next migration from the difference between
 * `prisma/migrations` and `prisma/schema.prisma`, offline (WASM schema engine, scratch PostgreSQL).
 */
import { pendingSchemaSql, writeMigration } from './migrations.js';
import { scratchDatabases } from './scratch-database.js';

const name = process.argv[2];
if (!name) {
  console.error('Usage: pnpm db:migration:create <name>   (e.g. add_executions)');
  process.exit(2);
}
const dbs = await scratchDatabases('flowline_migration');
try {
  const sql = await pendingSchemaSql(dbs.url);
  const folder = await writeMigration(name, sql);
  console.log(
    folder ? `Wrote ${folder}/migration.sql` : 'schema.prisma and the migrations agree: nothing to write.',
  );
} finally {
  await dbs.close();
}
