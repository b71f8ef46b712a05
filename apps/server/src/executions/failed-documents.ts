import type { InputDocument } from '@flowline/engine';
import type { Db } from '../db/prisma.js';

const PAGE = 500;

/** The documents that failed at a shape of an execution, page by page, as they arrived there (ids and properties kept). */
export async function* failedDocuments(
  db: Db,
  executionId: string,
  shapeId: string,
): AsyncGenerator<InputDocument> {
  let after = -1n;
  for (;;) {
    const rows = await db.executionDocument.findMany({
      where: { executionId, shapeId, direction: 'failed', id: { gt: after } },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    for (const row of rows) {
      const doc = row.document as unknown as InputDocument & { error?: unknown };
      yield {
        id: doc.id ?? row.documentId,
        data: doc.data,
        ...(doc.properties ? { properties: doc.properties } : {}),
      };
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
