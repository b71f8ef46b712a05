/** A process graph reduced to what its shape checks need: shape ids and directed edges. */
export interface Graph {
  shapes: { id: string; kind: string }[];
  edges: { from: string; to: string }[];
}

export interface GraphProblem {
  code: 'start' | 'unknown-shape' | 'unreachable' | 'cycle';
  shapeId?: string;
  message: string;
}

/**
 * The structural problems of a process graph: not exactly one start shape, edges to unknown
 * shapes, shapes the start cannot reach, and cycles (documents must not flow forever).
 */
export function checkGraph(graph: Graph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set(graph.shapes.map((s) => s.id));
  const starts = graph.shapes.filter((s) => s.kind === 'start');
  if (starts.length !== 1) {
    problems.push({
      code: 'start',
      message: `A process needs exactly one start shape; this one has ${starts.length}.`,
    });
  }
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    for (const end of [e.from, e.to]) {
      if (!ids.has(end))
        problems.push({
          code: 'unknown-shape',
          shapeId: end,
          message: `An edge refers to shape "${end}", which does not exist.`,
        });
    }
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const start = starts[0];
  if (start) {
    const seen = new Set<string>();
    const stack = [start.id];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    for (const s of graph.shapes) {
      if (!seen.has(s.id))
        problems.push({
          code: 'unreachable',
          shapeId: s.id,
          message: 'No path from the start shape reaches this shape.',
        });
    }
  }
  for (const id of cycleMembers(
    graph.shapes.map((s) => s.id),
    next,
  )) {
    problems.push({
      code: 'cycle',
      shapeId: id,
      message: 'This shape is part of a cycle; documents would flow forever.',
    });
  }
  return problems;
}

/** Shapes on a cycle, by depth-first search with colours (white, grey on the stack, black done). */
function cycleMembers(ids: string[], next: Map<string, string[]>): string[] {
  const colour = new Map<string, 'grey' | 'black'>();
  const onCycle = new Set<string>();
  const path: string[] = [];
  const visit = (id: string) => {
    colour.set(id, 'grey');
    path.push(id);
    for (const to of next.get(id) ?? []) {
      if (colour.get(to) === 'grey') for (const p of path.slice(path.indexOf(to))) onCycle.add(p);
      else if (!colour.has(to)) visit(to);
    }
    path.pop();
    colour.set(id, 'black');
  };
  for (const id of ids) if (!colour.has(id)) visit(id);
  return ids.filter((id) => onCycle.has(id));
}
