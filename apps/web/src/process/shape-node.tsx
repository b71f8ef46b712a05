import type { Shape } from '@flowline/contracts';
import { failuresText, handlesOf, kindLabels, shapeTitle } from '@flowline/engine';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { wouldText } from '../executions/would.js';
import { useShapeRun } from './run-context.js';

export type ShapeNodeData = { shape: Shape; problems: string[] };
export type ShapeNode = Node<ShapeNodeData, 'shape'>;

/** A shape on the canvas: kind, name, a badge naming what is missing, one handle per way out. */
export const ShapeNodeView = memo(function ShapeNodeView({ data, selected }: NodeProps<ShapeNode>) {
  const { shape, problems } = data;
  const handles = handlesOf(shape);
  const run = useShapeRun(shape.id);
  const runClass = run
    ? run.failed
      ? ' run-failed'
      : run.active
        ? ' run-active'
        : run.counts
          ? ' run-done'
          : ''
    : '';
  return (
    <fieldset
      className={`shape-node kind-${shape.kind}${selected ? ' selected' : ''}${runClass}`}
      aria-label={`Shape ${shapeTitle(shape)}`}
    >
      {shape.kind !== 'start' && <Handle type="target" position={Position.Left} id="in" />}
      <div className="shape-kind">{kindLabels[shape.kind]}</div>
      <div className="shape-name">{shapeTitle(shape)}</div>
      {run?.counts && (
        <output className="shape-counts" aria-label={`Counts of ${shapeTitle(shape)}`}>
          in {run.counts.in} · out {run.counts.out}
          {run.counts.failed > 0 ? ` · failed ${run.counts.failed}` : ''} · {Math.round(run.counts.timeMs)} ms
        </output>
      )}
      {run?.counts?.failedBy && run.counts.failed > 0 && (
        <output className="shape-counts" aria-label={`Failures of ${shapeTitle(shape)}`}>
          failed: {failuresText(run.counts.failedBy)}
        </output>
      )}
      {run?.counts?.unconditional ? (
        <output
          className="shape-counts shape-warning"
          aria-label={`Writes of ${shapeTitle(shape)} without If-Match`}
        >
          {run.counts.unconditional} without If-Match
        </output>
      ) : null}
      {run?.counts?.would && (
        <output className="shape-counts" aria-label={`What ${shapeTitle(shape)} would do`}>
          would: {wouldText(run.counts.would)}
        </output>
      )}
      {problems.length > 0 && (
        <span
          className="shape-badge"
          role="img"
          aria-label={`Problem: ${problems[0]}`}
          title={problems.join('\n')}
        >
          !
        </span>
      )}
      {handles.map((h, i) => (
        <Handle
          key={h}
          type="source"
          id={h}
          position={Position.Right}
          style={{ top: `${((i + 1) * 100) / (handles.length + 1)}%` }}
          className={`handle-${h}`}
          title={h}
        />
      ))}
      {handles.length > 1 && (
        <div className="handle-labels" aria-hidden="true">
          {handles.map((h) => (
            <span key={h}>{h}</span>
          ))}
        </div>
      )}
    </fieldset>
  );
});
