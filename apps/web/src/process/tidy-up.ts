import type { Position, ProcessDefinition } from '@flowline/contracts';

/** A left-to-right layered layout: a shape's column is its longest distance from the start. */
export function tidyUp(p: ProcessDefinition): { shapeId: string; position: Position }[] {
  const depth = new Map<string, number>();
  const start = p.shapes.filter((s) => !p.edges.some((e) => e.to === s.id));
  const queue = start.map((s) => s.id);
  for (const id of queue) depth.set(id, 0);
  // Graphs are acyclic (the reducer refuses cycles), so relaxing along edges terminates.
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const e of p.edges.filter((x) => x.from === id)) {
      const d = (depth.get(id) ?? 0) + 1;
      if (d > (depth.get(e.to) ?? -1)) {
        depth.set(e.to, d);
        queue.push(e.to);
      }
    }
  }
  const rows = new Map<number, number>();
  return p.shapes.map((s) => {
    const col = depth.get(s.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { shapeId: s.id, position: { x: col * 240, y: row * 130 } };
  });
}
