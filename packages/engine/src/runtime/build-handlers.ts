import type { ProcessDefinition, Shape } from '@flowline/contracts';
import { MapCompileError } from '@flowline/mapping';
import { missingMap, operationProblem } from '../validate/check-process.js';
import type { ProcessProblem } from '../validate/problem.js';
import type { RunContext, ShapeHandler } from './context.js';
import type { OperationInfo } from './ports.js';
import { connectorReadHandler } from './shapes/connector-read.js';
import { connectorWriteHandler } from './shapes/connector-write.js';
import { mapHandler } from './shapes/map-shape.js';
import {
  branchHandler,
  decisionHandler,
  messageHandler,
  setPropertiesHandler,
  stopHandler,
} from './shapes/simple-shapes.js';

/** The process cannot run; `problems` says why, by shape. */
export class ProcessInvalidError extends Error {
  override name = 'ProcessInvalidError';
  constructor(readonly problems: ProcessProblem[]) {
    super(
      `The process cannot run: ${problems.map((p) => (p.shapeId ? `${p.shapeId}: ${p.message}` : p.message)).join(' ')}`,
    );
  }
}

export interface Built {
  handlers: Map<string, { shape: Shape; handler: ShapeHandler }>;
  startInfo?: OperationInfo;
}

/** Resolves each shape's components (operations, maps), compiles maps, and builds every handler. */
export async function buildHandlers(process: ProcessDefinition, ctx: RunContext): Promise<Built> {
  const handlers = new Map<string, { shape: Shape; handler: ShapeHandler }>();
  const problems: ProcessProblem[] = [];
  const built: Built = { handlers };
  const none: ShapeHandler = async (docs, io) => io.emit('out', docs);
  for (const shape of process.shapes) {
    let handler: ShapeHandler | undefined;
    switch (shape.kind) {
      case 'start':
        handler = none;
        if (shape.config.mode === 'operation') {
          built.startInfo = await operationOf(shape, shape.config, ctx, problems);
        }
        break;
      case 'connector': {
        const info = await operationOf(shape, shape.config, ctx, problems);
        const ref = { connectionId: shape.config.connectionId!, operationId: shape.config.operationId! };
        if (info) {
          const reads = info.kind === 'query' || info.kind === 'get';
          handler = reads
            ? connectorReadHandler(shape, ref, info, ctx)
            : connectorWriteHandler(shape, ref, info, ctx);
        }
        break;
      }
      case 'map': {
        const map = await ctx.ports.resolver.map(shape.config.mapId!);
        if (!map) problems.push(missingMap(shape, shape.config.mapId!));
        else {
          try {
            handler = mapHandler(map, ctx);
          } catch (e) {
            if (!(e instanceof MapCompileError)) throw e;
            problems.push({ code: 'not-configured', shapeId: shape.id, message: e.message });
          }
        }
        break;
      }
      case 'decision':
        handler = decisionHandler(shape, ctx);
        break;
      case 'branch':
        handler = branchHandler(shape);
        break;
      case 'setProperties':
        handler = setPropertiesHandler(shape, ctx);
        break;
      case 'message':
        handler = messageHandler(shape, ctx);
        break;
      case 'stop':
        handler = stopHandler(shape, ctx);
        break;
    }
    if (handler) handlers.set(shape.id, { shape, handler });
  }
  if (problems.length > 0) throw new ProcessInvalidError(problems);
  return built;
}

async function operationOf(
  shape: Shape,
  config: { connectionId?: string; operationId?: string },
  ctx: RunContext,
  problems: ProcessProblem[],
): Promise<OperationInfo | undefined> {
  const ref = { connectionId: config.connectionId!, operationId: config.operationId! };
  const info = await ctx.ports.resolver.operation(ref);
  const problem = operationProblem(shape, ref, info);
  if (!problem) return info;
  problems.push(problem);
  return undefined;
}
