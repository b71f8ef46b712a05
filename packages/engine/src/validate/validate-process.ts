import { checkProcessSchema, type ProcessDefinition } from '@flowline/contracts';
import { canFail, handlesOf } from '../model/handles.js';
import { kindLabels } from '../model/shape-title.js';
import { missingConfiguration } from './check-configured.js';
import { checkGraph } from './graph.js';
import type { ProcessProblem } from './problem.js';

/**
 * Everything wrong with a process that can be told without looking up its components: the schema,
 * exactly one start, reachability, cycles, edges on handles their shape has (one edge per handle,
 * no self-loop), error paths chosen and connected, every shape configured. Each problem names its
 * shape or edge; [] when the process can run.
 */
export function validateProcess(process: ProcessDefinition): ProcessProblem[] {
  const schema = checkProcessSchema(process);
  if (schema.length > 0) return schema.map((message) => ({ code: 'schema', message }));
  const problems: ProcessProblem[] = [];
  const byId = new Map<string, ProcessDefinition['shapes'][number]>();
  for (const shape of process.shapes) {
    if (byId.has(shape.id)) {
      problems.push({
        code: 'duplicate-id',
        shapeId: shape.id,
        message: `Two shapes have the id "${shape.id}".`,
      });
    }
    byId.set(shape.id, shape);
  }
  problems.push(...checkGraph({ shapes: process.shapes, edges: process.edges }));
  const edgeIds = new Set<string>();
  const used = new Set<string>();
  for (const edge of process.edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({
        code: 'duplicate-id',
        edgeId: edge.id,
        message: `Two edges have the id "${edge.id}".`,
      });
    }
    edgeIds.add(edge.id);
    const from = byId.get(edge.from);
    if (!from) continue;
    if (edge.from === edge.to) {
      problems.push({
        code: 'self-loop',
        shapeId: edge.from,
        edgeId: edge.id,
        message: 'An edge leads from this shape back to itself.',
      });
    }
    if (!handlesOf(from).includes(edge.handle)) {
      problems.push({
        code: 'handle',
        shapeId: from.id,
        edgeId: edge.id,
        message: handleMessage(from, edge.handle),
      });
    }
    const slot = `${edge.from}\u0000${edge.handle}`;
    if (used.has(slot)) {
      problems.push({
        code: 'handle',
        shapeId: from.id,
        edgeId: edge.id,
        message: `The "${edge.handle}" output of this shape has more than one edge; use a branch shape to send documents down several paths.`,
      });
    }
    used.add(slot);
  }
  for (const shape of process.shapes) {
    if (
      canFail(shape.kind) &&
      'onError' in shape &&
      shape.onError === 'errorPath' &&
      !used.has(`${shape.id}\u0000error`)
    ) {
      problems.push({
        code: 'error-path',
        shapeId: shape.id,
        message:
          'Failed documents go to the error path, but no edge leaves the "error" output; connect it or choose "fail the run".',
      });
    }
    for (const message of missingConfiguration(shape))
      problems.push({ code: 'not-configured', shapeId: shape.id, message });
  }
  return problems;
}

function handleMessage(shape: ProcessDefinition['shapes'][number], handle: string): string {
  const handles = handlesOf(shape);
  if (handle === 'error')
    return 'An edge leaves the "error" output, but this shape fails the run on errors; choose "error path" first.';
  return `A ${kindLabels[shape.kind].toLowerCase()} shape has no "${handle}" output (it has ${handles.length ? handles.map((h) => `"${h}"`).join(', ') : 'none'}).`;
}
