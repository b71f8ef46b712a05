import type { MapDefinition, ProcessDefinition, Profile, Shape } from '@flowline/contracts';
import type { OperationInfo, ResolverPort } from '../runtime/ports.js';
import type { ProcessProblem } from './problem.js';
import { validateProcess } from './validate-process.js';

const WRITES = new Set(['create', 'update', 'upsert', 'delete', 'execute']);

/**
 * Everything `validateProcess` finds, plus what needs the components: operations and maps that
 * exist, and maps whose source and target profiles match the shapes around them (the profile
 * flowing into a map or a write must be the one it expects). This is the check before a run.
 */
export async function checkProcess(
  process: ProcessDefinition,
  resolver: ResolverPort,
): Promise<ProcessProblem[]> {
  const problems = validateProcess(process);
  if (problems.some((p) => p.code === 'schema' || p.code === 'cycle' || p.code === 'start')) return problems;
  const operations = new Map<string, OperationInfo>();
  const maps = new Map<string, MapDefinition>();
  for (const shape of process.shapes) {
    const ref = refOf(shape);
    if (ref) {
      const info = await resolver.operation(ref);
      const problem = operationProblem(shape, ref, info);
      if (problem) problems.push(problem);
      else if (info) operations.set(shape.id, info);
    }
    if (shape.kind === 'map' && shape.config.mapId) {
      const map = await resolver.map(shape.config.mapId);
      if (map) maps.set(shape.id, map);
      else problems.push(missingMap(shape, shape.config.mapId));
    }
  }
  problems.push(...checkProfiles(process, operations, maps));
  return problems;
}

/**
 * Why a shape cannot run the operation it names: there is none, it has no action yet, or the shape
 * is a start and the operation writes (run, it would read its entity set instead: every record of
 * it, never what was meant).
 */
export function operationProblem(
  shape: Shape,
  ref: { connectionId: string; operationId: string },
  info: OperationInfo | undefined,
): ProcessProblem | undefined {
  const shapeId = shape.id;
  if (!info) return missing(shape, 'operation', ref.operationId);
  const operation = `The operation "${info.name ?? ref.operationId}"`;
  if (!info.kind)
    return {
      code: 'not-configured',
      shapeId,
      message: `${operation} has no action yet: choose one in its builder.`,
    };
  if (shape.kind === 'start' && WRITES.has(info.kind))
    return {
      code: 'not-configured',
      shapeId,
      message: `${operation} writes (${info.kind}), so it cannot start a process: a process starts from what an operation reads (query or get). Put a query or get operation there, and this one on a connector shape after it.`,
    };
  return undefined;
}

/** A map shape whose map is gone (see `missing`). */
export function missingMap(shape: Shape, mapId: string): ProcessProblem {
  return missing(shape, 'map', mapId);
}

/**
 * A component the shape names that no longer exists: deleted, or the process came from another
 * workspace. Named by the shape (its id alone tells a person nothing), the id kept for support.
 */
function missing(shape: Shape, what: 'operation' | 'map', id: string): ProcessProblem {
  return {
    code: 'unknown-component',
    shapeId: shape.id,
    message: `The shape "${shape.name ?? shape.id}" uses a${what === 'operation' ? 'n' : ''} ${what} that does not exist (id ${id}): it was deleted, or the process was imported from another workspace. Select the shape and choose another.`,
  };
}

function refOf(shape: Shape): { connectionId: string; operationId: string } | undefined {
  if (shape.kind !== 'connector' && !(shape.kind === 'start' && shape.config.mode === 'operation'))
    return undefined;
  const config = shape.config as { connectionId?: string; operationId?: string };
  return config.connectionId && config.operationId
    ? { connectionId: config.connectionId, operationId: config.operationId }
    : undefined;
}

/** Walks the graph from the start in topological order, carrying the profile each shape emits. */
function checkProfiles(
  process: ProcessDefinition,
  operations: Map<string, OperationInfo>,
  maps: Map<string, MapDefinition>,
): ProcessProblem[] {
  const problems: ProcessProblem[] = [];
  const incoming = new Map<string, (Profile | undefined)[]>();
  const indegree = new Map(process.shapes.map((s) => [s.id, 0]));
  for (const e of process.edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const byId = new Map(process.shapes.map((s) => [s.id, s]));
  const ready = process.shapes.filter((s) => indegree.get(s.id) === 0);
  while (ready.length > 0) {
    const shape = ready.shift()!;
    const inputs = incoming.get(shape.id) ?? [];
    const input =
      inputs.length > 0 && inputs.every((p) => p?.entityType === inputs[0]?.entityType)
        ? inputs[0]
        : undefined;
    let output: Profile | undefined = input;
    const op = operations.get(shape.id);
    if (shape.kind === 'start') output = op?.responseProfile;
    else if (shape.kind === 'message') output = undefined;
    else if (shape.kind === 'connector' && op) {
      if (op.kind && WRITES.has(op.kind)) {
        const expected = op.requestProfile;
        if (input && expected && input.entityType !== expected.entityType) {
          problems.push(
            mismatch(
              shape.id,
              `The operation writes ${expected.entityType}, but the documents arriving are ${input.entityType}; put a map before it.`,
            ),
          );
        }
        output = op.responseProfile ?? op.requestProfile;
      } else output = op.responseProfile;
    } else if (shape.kind === 'map') {
      const map = maps.get(shape.id);
      const source = map?.source.profile;
      if (input && source && input.entityType !== source.entityType) {
        problems.push(
          mismatch(
            shape.id,
            `The map "${map?.name}" reads ${source.entityType}, but the documents arriving are ${input.entityType}.`,
          ),
        );
      }
      output = map?.target.profile;
    }
    for (const e of process.edges.filter((x) => x.from === shape.id)) {
      if (!byId.has(e.to)) continue;
      incoming.set(e.to, [...(incoming.get(e.to) ?? []), output]);
      const left = (indegree.get(e.to) ?? 1) - 1;
      indegree.set(e.to, left);
      if (left === 0) ready.push(byId.get(e.to)!);
    }
  }
  return problems;
}

const mismatch = (shapeId: string, message: string): ProcessProblem => ({
  code: 'profile-mismatch',
  shapeId,
  message,
});
