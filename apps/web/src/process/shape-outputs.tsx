import type { ProcessDefinition, Shape } from '@flowline/contracts';
import { applyOperation, handlesOf, kindLabels, type ProcessOperation, shapeTitle } from '@flowline/engine';
import { useState } from 'react';

/** What each way out of a shape is called in the inspector. */
function outputLabel(handle: string, only: boolean): string {
  if (handle === 'out') return only ? 'Next shape' : 'Next shape (documents that pass)';
  if (handle === 'error') return 'On error';
  if (handle === 'true') return 'If true';
  if (handle === 'false') return 'If false';
  const path = /^path-(\d+)$/.exec(handle);
  return path ? `Path ${path[1]}` : handle;
}

/** Each change of one output is one undo step, even when it takes out the old edge first. */
let changes = 0;

/**
 * Where each of the shape's outputs leads, chosen from a list: the canvas without a mouse (and without
 * dragging across a large process). A change the engine refuses (a cycle) is explained here and
 * changes nothing; the old edge stays.
 */
export function ShapeOutputs({
  shape,
  process,
  dispatch,
}: {
  shape: Shape;
  process: ProcessDefinition;
  dispatch: (op: ProcessOperation, edit?: string) => string | null;
}) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const handles = handlesOf(shape);
  if (handles.length === 0) return null;
  const targets = process.shapes.filter((s) => s.id !== shape.id && s.kind !== 'start');
  // Shapes of one title are told apart by their order in the process (ids are UUIDs).
  const title = (s: Shape) => {
    const t = shapeTitle(s);
    const same = process.shapes.filter((o) => shapeTitle(o) === t);
    const kind = s.name ? ` (${kindLabels[s.kind]})` : '';
    return same.length > 1 ? `${t}${kind} #${same.indexOf(s) + 1}` : `${t}${kind}`;
  };
  const edgeOf = (handle: string) => process.edges.find((e) => e.from === shape.id && e.handle === handle);
  const lead = (handle: string, to: string) => {
    const old = edgeOf(handle);
    const ops: ProcessOperation[] = [];
    if (old) ops.push({ type: 'disconnect', edgeId: old.id });
    if (to) ops.push({ type: 'connect', edge: { from: shape.id, handle, to } });
    try {
      ops.reduce((p, op) => applyOperation(p, op).process, process);
    } catch (e) {
      setRefusal(`Cannot connect: ${(e as Error).message}`);
      return;
    }
    setRefusal(null);
    const edit = `outputs-${++changes}`;
    for (const op of ops) dispatch(op, edit);
  };
  return (
    <fieldset className="shape-outputs">
      <legend>Where documents go</legend>
      {handles.map((h) => (
        <label key={h}>
          {outputLabel(h, handles.length === 1)}
          <select value={edgeOf(h)?.to ?? ''} onChange={(e) => lead(h, e.target.value)}>
            <option value="">(nowhere)</option>
            {targets.map((s) => (
              <option key={s.id} value={s.id}>
                {title(s)}
              </option>
            ))}
          </select>
        </label>
      ))}
      {refusal && (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      )}
    </fieldset>
  );
}
