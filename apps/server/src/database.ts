import pg from 'pg';
import { redactUrl } from './config.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres.js';
import { applyMigrations } from './db/migrations.js';
import { FlowlineStartError } from './errors/start-error.js';

export interface Database {
  url: string;
  embedded?: EmbeddedPostgres;
  appliedNow: string[];
}

/** The database at `databaseUrl`, or an embedded one in `dataDir`; migrated either way. */
export async function openDatabase(databaseUrl: string | undefined, dataDir: string): Promise<Database> {
  const embedded = databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir });
  const url = databaseUrl ?? embedded!.url;
  try {
    if (databaseUrl) await checkReachable(databaseUrl);
    const appliedNow = await applyMigrations(url).catch((e: Error) => {
      throw new FlowlineStartError(`Applying the database migrations failed: ${e.message.split('\n')[0]}`);
    });
    return { url, embedded, appliedNow };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

async function checkReachable(url: string): Promise<void> {
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  } catch {
    throw new FlowlineStartError(
      'DATABASE_URL is not a valid PostgreSQL URL (postgresql://user:password@host:5432/db).',
    );
  }
  try {
    await client.connect();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FlowlineStartError(
      `Cannot reach the database at ${redactUrl(url)} (${err.code ?? err.message}). Check DATABASE_URL, or unset it to use the embedded PostgreSQL.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
