import { type Edge, type ProcessDefinition, Shape } from '@flowline/contracts';
import { Value } from 'typebox/value';
import { handlesOf } from '../model/handles.js';
import { describeShape } from '../model/shape-title.js';
import type { ProcessProblem } from '../validate/problem.js';
import { validateProcess } from '../validate/validate-process.js';
import { type ProcessOperation, ProcessOperationError } from './operation-types.js';
import { pasteShapes } from './paste.js';

/** The process after an operation, and its problems (so the canvas shows validity after every edit). */
export interface OperationResult {
  process: ProcessDefinition;
  problems: ProcessProblem[];
}

/**
 * Applies one edit to a process, purely: the input is never changed, unchanged shapes and edges are
 * shared. Refuses (throws ProcessOperationError) what can never be right: unknown shapes or edges,
 * duplicate ids, edges from a handle the shape lacks or already uses, self-loops, cycles, and
 * configurations the schema rejects.
 * @example
 * const { process: next, problems } = applyOperation(process, { type: 'connect', edge: { from: 's', handle: 'out', to: 'm' } });
 */
export function applyOperation(process: ProcessDefinition, op: ProcessOperation): OperationResult {
  const next = apply(process, op);
  return { process: next, problems: validateProcess(next) };
}

function apply(p: ProcessDefinition, op: ProcessOperation): ProcessDefinition {
  switch (op.type) {
    case 'addShape':
      if (p.shapes.some((s) => s.id === op.shape.id))
        throw new ProcessOperationError(`A shape with the id "${op.shape.id}" already exists.`);
      checkShape(op.shape);
      return { ...p, shapes: [...p.shapes, op.shape] };
    case 'configureShape': {
      const shape = find(p, op.shapeId);
      const changed = {
        ...shape,
        config: op.config,
        ...(op.onError ? { onError: op.onError } : {}),
      } as Shape;
      checkShape(changed);
      // Edges from handles the new configuration no longer has (a branch path removed, no error path) go.
      const handles = handlesOf(changed);
      return {
        ...p,
        shapes: p.shapes.map((s) => (s.id === op.shapeId ? changed : s)),
        edges: p.edges.filter((e) => e.from !== op.shapeId || handles.includes(e.handle)),
      };
    }
    case 'renameShape':
      find(p, op.shapeId);
      return { ...p, shapes: p.shapes.map((s) => (s.id === op.shapeId ? { ...s, name: op.name } : s)) };
    case 'moveShapes': {
      const moves = new Map(op.moves.map((m) => [m.shapeId, m.position]));
      for (const id of moves.keys()) find(p, id);
      return {
        ...p,
        shapes: p.shapes.map((s) => (moves.has(s.id) ? { ...s, position: moves.get(s.id)! } : s)),
      };
    }
    case 'deleteShapes': {
      const gone = new Set(op.shapeIds);
      for (const id of gone) find(p, id);
      return {
        ...p,
        shapes: p.shapes.filter((s) => !gone.has(s.id)),
        edges: p.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
      };
    }
    case 'connect': {
      const edge: Edge = { ...op.edge, id: op.edge.id ?? `${op.edge.from}:${op.edge.handle}->${op.edge.to}` };
      checkEdge(p, edge);
      return { ...p, edges: [...p.edges, edge] };
    }
    case 'disconnect':
      if (!p.edges.some((e) => e.id === op.edgeId))
        throw new ProcessOperationError(`There is no edge "${op.edgeId}".`);
      return { ...p, edges: p.edges.filter((e) => e.id !== op.edgeId) };
    case 'paste':
      return pasteShapes(p, op.shapes, op.edges, op.offset ?? { x: 40, y: 40 }, checkShape);
    case 'updateProcess':
      return { ...p, ...op.changes };
  }
}

const upperFirst = (text: string) => text[0]!.toUpperCase() + text.slice(1);

function find(p: ProcessDefinition, id: string): Shape {
  const shape = p.shapes.find((s) => s.id === id);
  if (!shape) throw new ProcessOperationError(`There is no shape "${id}".`);
  return shape;
}

function checkShape(shape: Shape): void {
  const value: unknown = shape;
  if (Value.Check(Shape, value)) return;
  const errors = [...Value.Errors(Shape, value)];
  // The union reports one error per member; the one deepest inside the shape is the useful one.
  const first = errors.sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
  throw new ProcessOperationError(
    `Shape "${shape.id}" (${shape.kind}): ${first?.instancePath || '/'} ${first?.message ?? 'is not valid'}`,
  );
}

/** Refuses an edge that could never be valid. */
export function checkEdge(p: ProcessDefinition, edge: Edge): void {
  const from = find(p, edge.from);
  const to = find(p, edge.to);
  const named = upperFirst(describeShape(from));
  if (edge.from === edge.to) throw new ProcessOperationError(`${named} cannot be connected to itself.`);
  const handles = handlesOf(from);
  if (!handles.includes(edge.handle)) {
    throw new ProcessOperationError(
      `${named} has no "${edge.handle}" output; it has ${handles.map((h) => `"${h}"`).join(', ') || 'none'}.`,
    );
  }
  if (p.edges.some((e) => e.from === edge.from && e.handle === edge.handle)) {
    throw new ProcessOperationError(
      `The "${edge.handle}" output of ${describeShape(from)} is already connected; use a branch shape to send documents down several paths.`,
    );
  }
  if (p.edges.some((e) => e.id === edge.id))
    throw new ProcessOperationError(`An edge with the id "${edge.id}" already exists.`);
  if (reaches(p, edge.to, edge.from)) {
    throw new ProcessOperationError(
      `Connecting ${describeShape(from)} to ${describeShape(to, from)} would make a cycle; documents would flow forever.`,
    );
  }
}

function reaches(p: ProcessDefinition, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of p.edges) if (e.from === id) stack.push(e.to);
  }
  return false;
}
