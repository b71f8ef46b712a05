import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { migrationsDir, prismaDir } from './paths.js';
import { openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

/** Reads `prisma/migrations` the way `prisma migrate` does. */
export async function readMigrations(dir = migrationsDir()): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (path) => {
        const content = await readFile(join(dir, path, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (e: Error) => ({ tag: 'error' as const, value: e.message }),
        );
        return { path, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

export const readSchema = (): Promise<string> => readFile(join(prismaDir(), 'schema.prisma'), 'utf8');

/** Applies the migrations not yet applied to the database; answers the names it applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const engine = await openSchemaEngine(url, { datamodel: await readSchema() });
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that takes a database built by the migrations to `schema.prisma`; empty when they agree.
 * The engine replays the migrations on a shadow database it creates beside the one at `url`.
 */
export async function pendingSchemaSql(url: string): Promise<string> {
  const schema = await readSchema();
  const engine = await openSchemaEngine(url, { datamodel: schema });
  try {
    const diff = await engine.diff({
      from: { tag: 'migrations', ...(await readMigrations()) },
      to: { tag: 'schemaDatamodel', files: [{ path: join(prismaDir(), 'schema.prisma'), content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = diff.stdout ?? '';
    return /^\s*(--.*\s*)*$/.test(sql) ? '' : sql;
  } finally {
    engine.free();
  }
}

/** Writes `prisma/migrations/<timestamp>_<name>/migration.sql`; answers its folder, or undefined if nothing changed. */
export async function writeMigration(name: string, sql: string): Promise<string | undefined> {
  if (!sql) return undefined;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = join(migrationsDir(), `${stamp}_${name.replace(/\W+/g, '_').toLowerCase()}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'migration.sql'), sql);
  return folder;
}
