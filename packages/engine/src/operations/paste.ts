import type { Edge, Position, ProcessDefinition, Shape } from '@flowline/contracts';
import { ProcessOperationError } from './operation-types.js';

/** Adds copies of shapes (fresh ids) and of the edges between them; edges to shapes not copied are dropped. */
export function pasteShapes(
  p: ProcessDefinition,
  shapes: Shape[],
  edges: Edge[],
  offset: Position,
  checkShape: (shape: Shape) => void,
): ProcessDefinition {
  const taken = new Set(p.shapes.map((s) => s.id));
  const takenEdges = new Set(p.edges.map((e) => e.id));
  const ids = new Map<string, string>();
  const copies = shapes.map((shape) => {
    if (ids.has(shape.id)) throw new ProcessOperationError(`The pasted shapes hold "${shape.id}" twice.`);
    const id = fresh(shape.id, taken);
    taken.add(id);
    ids.set(shape.id, id);
    const copy = {
      ...shape,
      id,
      position: { x: shape.position.x + offset.x, y: shape.position.y + offset.y },
    } as Shape;
    checkShape(copy);
    return copy;
  });
  const copiedEdges: Edge[] = [];
  for (const edge of edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    const id = fresh(`${from}:${edge.handle}->${to}`, takenEdges);
    takenEdges.add(id);
    copiedEdges.push({ id, from, handle: edge.handle, to });
  }
  return { ...p, shapes: [...p.shapes, ...copies], edges: [...p.edges, ...copiedEdges] };
}

function fresh(id: string, taken: Set<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${id}-copy` : `${id}-copy${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
