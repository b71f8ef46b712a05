import type { Shape } from '@flowline/contracts';

/** What each kind of shape is called where people read it. */
export const kindLabels: Record<Shape['kind'], string> = {
  start: 'Start',
  connector: 'Connector',
  map: 'Map',
  decision: 'Decision',
  branch: 'Branch',
  setProperties: 'Set properties',
  message: 'Message',
  stop: 'Stop',
};

/** What a shape is called wherever it is shown: its name, else its kind. */
export const shapeTitle = (shape: Pick<Shape, 'name' | 'kind'>): string =>
  shape.name ?? kindLabels[shape.kind];

/**
 * A shape as a message names it: `"Write customers"`, or `the Message shape` when it has no name (its
 * id, a UUID when drawn on the canvas, says nothing to the person reading); `another Message shape`
 * after one of its kind, `besides`, was named so.
 */
export function describeShape(shape: Pick<Shape, 'name' | 'kind'>, besides?: Pick<Shape, 'name' | 'kind'>) {
  if (shape.name) return `"${shape.name}"`;
  const same = besides !== undefined && !besides.name && besides.kind === shape.kind;
  return `${same ? 'another' : 'the'} ${kindLabels[shape.kind]} shape`;
}
