import pg from 'pg';

/**
 * Fingerprints of every table in the app's schema over one open connection: equal fingerprints mean
 * nothing was written. Sessions (activity times) and failed sign-ins (audited on purpose) are left out.
 */
export class DbWatch {
  private query = '';

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<DbWatch> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const watch = new DbWatch(client);
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('Session', '_prisma_migrations') ORDER BY 1",
    );
    watch.query = tables.rows
      .map(({ table_name: name }) => {
        const where = name === 'AuditEntry' ? ` WHERE action <> 'sign-in failed'` : '';
        return `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM "${name}" x${where}`;
      })
      .join(' UNION ALL ');
    return watch;
  }

  /** One string naming the content of every watched table. */
  async fingerprint(): Promise<string> {
    const r = await this.client.query<{ t: string; h: string }>(this.query);
    return r.rows.map((row) => `${row.t}=${row.h}`).join(';');
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** Every text column of every table in every schema, as one string, to search for secrets in clear. */
export async function everyColumn(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_schema: string; table_name: string }>(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'",
    );
    let all = '';
    for (const { table_schema: schema, table_name: name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${schema}"."${name}"`);
      all += JSON.stringify(rows.rows, (_k, v) =>
        Buffer.isBuffer(v)
          ? `${v.toString('latin1')} ${v.toString('utf8')}`
          : typeof v === 'bigint'
            ? String(v)
            : v,
      );
    }
    return all;
  } finally {
    await client.end();
  }
}
