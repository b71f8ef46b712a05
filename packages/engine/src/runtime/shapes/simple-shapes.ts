import type {
  BranchShape,
  DecisionShape,
  MessageShape,
  SetPropertiesShape,
  StopShape,
} from '@flowline/contracts';
import type { Document } from '../../model/document.js';
import { compare } from '../compare.js';
import { errorMessage, type Failure, type RunContext, type ShapeHandler } from '../context.js';
import { fillTemplate } from '../template.js';
import { resolveValue } from '../values.js';

/** Decision: each document goes out of `true` or `false`; a comparison that throws fails it. */
export function decisionHandler(shape: DecisionShape, ctx: RunContext): ShapeHandler {
  const { left, operator, right, ignoreCase } = shape.config;
  return async (docs, io) => {
    const yes: Document[] = [];
    const no: Document[] = [];
    const failed: Failure[] = [];
    for (const doc of docs) {
      try {
        const l = resolveValue(left!, doc, ctx.processProperties);
        const r = right ? resolveValue(right, doc, ctx.processProperties) : undefined;
        (compare(operator!, l, r, ignoreCase) ? yes : no).push(doc);
      } catch (e) {
        failed.push({ document: doc, error: { message: errorMessage(e), code: 'decision-failed' } });
      }
    }
    await io.fail(failed);
    await io.emit('true', yes);
    await io.emit('false', no);
  };
}

/**
 * Branch: the chunk goes down path 1 (to the end), then path 2, and so on. Copies on later paths
 * get `/<path>` added to their id so a write reached by two paths keeps one record per copy.
 */
export function branchHandler(shape: BranchShape): ShapeHandler {
  return async (docs, io) => {
    for (let i = 1; i <= shape.config.paths; i++) {
      await io.emit(`path-${i}`, i === 1 ? docs : docs.map((d) => ({ ...d, id: `${d.id}/${i}` })));
    }
  };
}

/** Set properties: document properties on a copy of each document; process properties for the run. */
export function setPropertiesHandler(shape: SetPropertiesShape, ctx: RunContext): ShapeHandler {
  const { assignments } = shape.config;
  return async (docs, io) => {
    const out: Document[] = [];
    const failed: Failure[] = [];
    for (const doc of docs) {
      try {
        let user = doc.properties.user;
        for (const a of assignments) {
          const value = resolveValue(a.value, doc, ctx.processProperties);
          if (a.target === 'process') ctx.processProperties[a.name] = value;
          else user = { ...user, [a.name]: value };
        }
        out.push(user === doc.properties.user ? doc : { ...doc, properties: { ...doc.properties, user } });
      } catch (e) {
        failed.push({ document: doc, error: { message: errorMessage(e), code: 'set-properties-failed' } });
      }
    }
    await io.fail(failed);
    await io.emit('out', out);
  };
}

/** Message: each document becomes the filled template (`{ message }`, or the parsed JSON). */
export function messageHandler(shape: MessageShape, ctx: RunContext): ShapeHandler {
  const json = shape.config.format === 'json';
  return async (docs, io) => {
    const out: Document[] = [];
    const failed: Failure[] = [];
    for (const doc of docs) {
      const text = fillTemplate(shape.config.template, doc, ctx.processProperties, json);
      if (!json) {
        out.push({ ...doc, data: { message: text } });
        continue;
      }
      try {
        const data: unknown = JSON.parse(text);
        if (data === null || typeof data !== 'object' || Array.isArray(data))
          throw new Error('the message is not a JSON object');
        out.push({ ...doc, data: data as Record<string, unknown> });
      } catch (e) {
        failed.push({
          document: doc,
          error: { message: `JSON message: ${errorMessage(e)}`, code: 'message-failed' },
        });
      }
    }
    await io.fail(failed);
    await io.emit('out', out);
  };
}

/** Stop: the documents' path ends; with `run`, the whole execution ends after this chunk's shape. */
export function stopHandler(shape: StopShape, ctx: RunContext): ShapeHandler {
  return async () => {
    if (shape.config.scope === 'run') ctx.stoppedBy = shape.id;
  };
}
