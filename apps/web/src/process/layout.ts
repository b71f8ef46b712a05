import type { Position, ProcessDefinition } from '@flowline/contracts';

/** Room a shape takes before it is drawn and measured (most are about 150 × 45; names make them wider). */
export const SHAPE_ROOM = { width: 180, height: 60 };
/**
 * Room between a shape and the next one to its right: enough for the source handle's label ("out",
 * "error") and, clear of it, the count a run writes at the edge's middle.
 */
export const COLUMN_GAP = 90;

/** What a shape's drawn width is, by its id (`SHAPE_ROOM`'s until it is measured). */
type WidthOf = (shapeId: string) => number;
const roomWidth: WidthOf = () => SHAPE_ROOM.width;

/** Where a shape added without a drop point goes: right of the rightmost one, where a flow usually grows. */
export function nextPlace(shapes: ProcessDefinition['shapes'], widthOf: WidthOf = roomWidth): Position {
  let rightmost: { right: number; y: number } | undefined;
  for (const s of shapes) {
    const right = s.position.x + widthOf(s.id);
    if (!rightmost || right > rightmost.right) rightmost = { right, y: s.position.y };
  }
  return rightmost ? { x: rightmost.right + COLUMN_GAP, y: rightmost.y } : { x: 0, y: 0 };
}

/**
 * A left-to-right layered layout: a shape's column is its longest distance from the start, and each
 * column is as wide as its widest shape (`widthOf`, as drawn), so long names never overlap.
 */
export function tidyUp(
  p: ProcessDefinition,
  widthOf: WidthOf = roomWidth,
): { shapeId: string; position: Position }[] {
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
  const widest: number[] = [];
  for (const s of p.shapes) {
    const col = depth.get(s.id) ?? 0;
    widest[col] = Math.max(widest[col] ?? 0, widthOf(s.id));
  }
  const left: number[] = [];
  for (let col = 0, x = 0; col < widest.length; col++) {
    left[col] = x;
    x += (widest[col] ?? 0) + COLUMN_GAP;
  }
  const rows = new Map<number, number>();
  return p.shapes.map((s) => {
    const col = depth.get(s.id) ?? 0;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { shapeId: s.id, position: { x: left[col]!, y: row * 130 } };
  });
}
