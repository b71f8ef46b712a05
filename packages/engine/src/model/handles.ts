import type { Shape, ShapeKind } from '@flowline/contracts';

/** The handles documents leave a shape through; `error` only when its `onError` is `errorPath`. */
export function handlesOf(shape: Shape): string[] {
  const error = 'onError' in shape && shape.onError === 'errorPath' ? ['error'] : [];
  switch (shape.kind) {
    case 'stop':
      return [];
    case 'decision':
      return ['true', 'false', ...error];
    case 'branch':
      return Array.from({ length: shape.config.paths }, (_, i) => `path-${i + 1}`);
    default:
      return ['out', ...error];
  }
}

/** Whether a shape kind can fail documents (and so has an `onError` choice). */
export function canFail(kind: ShapeKind): boolean {
  return kind !== 'start' && kind !== 'branch' && kind !== 'stop';
}
