import type { Edge, ProcessDefinition, Shape } from '@flowline/contracts';

/** A process from shapes and `from:handle->to` edge specs (tests and examples). */
export function processOf(
  shapes: Shape[],
  edges: string[] = [],
  properties?: Record<string, unknown>,
): ProcessDefinition {
  const p: ProcessDefinition = { schemaVersion: 1, name: 'test', shapes, edges: edges.map(edgeOf) };
  if (properties) p.properties = properties;
  return p;
}

/** An edge from `from:handle->to` (handle defaults to `out` when written `from->to`). */
export function edgeOf(spec: string): Edge {
  const [left, to] = spec.split('->') as [string, string];
  const [from, handle = 'out'] = left.split(':') as [string, string?];
  return { id: `${from}:${handle}->${to}`, from, handle, to };
}

const at = { x: 0, y: 0 };
export const shapes = {
  startDocs: (id = 's'): Shape => ({ id, kind: 'start', position: at, config: { mode: 'documents' } }),
  startQuery: (operationId: string, id = 's'): Shape => ({
    id,
    kind: 'start',
    position: at,
    config: { mode: 'operation', connectionId: 'c1', operationId },
  }),
  connector: (id: string, operationId: string, onError: 'errorPath' | 'failRun' = 'failRun'): Shape => ({
    id,
    kind: 'connector',
    position: at,
    onError,
    config: { connectionId: 'c1', operationId },
  }),
  map: (id: string, mapId: string, onError: 'errorPath' | 'failRun' = 'failRun'): Shape => ({
    id,
    kind: 'map',
    position: at,
    onError,
    config: { mapId },
  }),
  stop: (id: string, scope: 'path' | 'run' = 'path'): Shape => ({
    id,
    kind: 'stop',
    position: at,
    config: { scope },
  }),
};
