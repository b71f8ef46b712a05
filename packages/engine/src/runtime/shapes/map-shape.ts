import type { MapDefinition } from '@flowline/contracts';
import { compileMap } from '@flowline/mapping';
import type { Document } from '../../model/document.js';
import type { Failure, RunContext, ShapeHandler } from '../context.js';

/**
 * Map: runs the compiled map (`@flowline/mapping`) on each document; properties stay with the
 * document (so a later update still has its ETag). Rule errors fail the document, naming the rules.
 * Map variables are the process properties, overridden by the document's own properties.
 */
export function mapHandler(map: MapDefinition, ctx: RunContext): ShapeHandler {
  const run = compileMap(map);
  return async (docs, io) => {
    const out: Document[] = [];
    const failed: Failure[] = [];
    for (const doc of docs) {
      const user = doc.properties.user;
      const variables = hasKeys(user) ? { ...ctx.processProperties, ...user } : ctx.processProperties;
      const result = run(doc.data, { document: doc.id, variables });
      if (result.errors.length === 0) out.push({ ...doc, data: result.output });
      else {
        const message = result.errors.map((e) => `rule ${e.ruleId} (${e.target}): ${e.message}`).join('; ');
        failed.push({
          document: doc,
          error: { message: `map "${map.name}": ${message}`, code: 'map-failed' },
        });
      }
    }
    await io.fail(failed);
    await io.emit('out', out);
  };
}

function hasKeys(o: Record<string, unknown>): boolean {
  for (const _ in o) return true;
  return false;
}
