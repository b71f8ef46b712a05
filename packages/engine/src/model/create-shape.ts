import type { Position, Shape, ShapeKind } from '@flowline/contracts';

/**
 * A new shape of a kind with its default configuration (not yet "configured" where the kind needs
 * a choice, such as an operation or a map); failed documents fail the run until told otherwise.
 */
export function createShape(kind: ShapeKind, id: string, position: Position = { x: 0, y: 0 }): Shape {
  const base = { id, position };
  switch (kind) {
    case 'start':
      return { ...base, kind, config: { mode: 'operation' } };
    case 'connector':
      return { ...base, kind, onError: 'failRun', config: {} };
    case 'map':
      return { ...base, kind, onError: 'failRun', config: {} };
    case 'decision':
      return { ...base, kind, onError: 'failRun', config: {} };
    case 'branch':
      return { ...base, kind, config: { paths: 2 } };
    case 'setProperties':
      return { ...base, kind, onError: 'failRun', config: { assignments: [] } };
    case 'message':
      return { ...base, kind, onError: 'failRun', config: { template: '' } };
    case 'stop':
      return { ...base, kind, config: { scope: 'path' } };
  }
}
