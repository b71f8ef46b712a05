import type { Db } from '../db/prisma.js';

/**
 * F&O label texts per environment and language, kept in PostgreSQL: F&O answers one label a request
 * (a first read of CustomersV3 asks 318 of them), so a restart or another server must not ask again.
 * An id the environment does not know is kept as `null`, so it is not asked again either.
 */
export class LabelStore {
  constructor(private readonly db: Db) {}

  /** What is known of `ids`: their text, or null for an id the environment does not know. */
  async read(serviceUrl: string, language: string, ids: string[]): Promise<Map<string, string | null>> {
    const rows = await this.db.labelText.findMany({
      where: { serviceUrl, language, labelId: { in: ids } },
      select: { labelId: true, text: true },
    });
    return new Map(rows.map((r) => [r.labelId, r.text]));
  }

  /** Keeps texts just read; one kept already (another server read it meanwhile) stays as it is. */
  async write(serviceUrl: string, language: string, texts: Map<string, string | null>): Promise<void> {
    if (texts.size === 0) return;
    await this.db.labelText.createMany({
      data: [...texts].map(([labelId, text]) => ({ serviceUrl, language, labelId, text })),
      skipDuplicates: true,
    });
  }
}
