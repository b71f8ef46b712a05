import type { FunctionStep, ValueRef } from '@flowline/contracts';
import { getFunction } from '@flowline/mapping';
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { BOX_WIDTH, type BoxPosition } from './function-surface-model.js';
import { type Scope, ValueRefInput } from './value-ref-input.js';

const STEP = 10;

/**
 * One function box on the surface: its typed inputs (each a port lines come into, and editable by
 * keyboard), its typed output, and a handle that selects it and moves it by pointer or arrow keys.
 */
export function FunctionBox({
  step,
  at,
  selected,
  earlier,
  constants,
  isOutput,
  target,
  onSelect,
  onMove,
  onDrag,
  onDelete,
  onInput,
  onAddInput,
  onUseAsOutput,
  sourceListId,
  scopedSources,
}: {
  step: FunctionStep;
  at: BoxPosition;
  selected: boolean;
  /** Ids of the boxes that run before this one (the only ones it may read). */
  earlier: string[];
  constants: string[];
  /** Whether this box's output is the target field's value. */
  isOutput: boolean;
  target: string;
  onSelect: () => void;
  /** Commits a new position. */
  onMove: (to: BoxPosition) => void;
  /** A position while dragging (not yet committed). */
  onDrag: (to: BoxPosition | undefined) => void;
  onDelete: () => void;
  onInput: (n: number, ref: ValueRef) => void;
  onAddInput: () => void;
  onUseAsOutput: () => void;
  sourceListId: string;
  scopedSources?: { listFor: (scope: Scope) => string } | undefined;
}) {
  const def = getFunction(step.fn);
  const drag = useRef<{ x: number; y: number; from: BoxPosition; to: BoxPosition } | null>(null);
  const keys = (e: KeyboardEvent) => {
    const by = e.shiftKey ? STEP * 5 : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-by, 0],
      ArrowRight: [by, 0],
      ArrowUp: [0, -by],
      ArrowDown: [0, by],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      onSelect();
      onMove({ x: at.x + move[0], y: at.y + move[1] });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onDelete();
    }
  };
  const down = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, from: at, to: at };
    onSelect();
  };
  const moveTo = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    d.to = { x: Math.max(0, d.from.x + e.clientX - d.x), y: Math.max(0, d.from.y + e.clientY - d.y) };
    onDrag(d.to);
  };
  const up = () => {
    const d = drag.current;
    drag.current = null;
    onDrag(undefined);
    if (d && (d.to.x !== d.from.x || d.to.y !== d.from.y)) onMove(d.to);
  };
  return (
    <li
      className={`fn-box${selected ? ' selected' : ''}`}
      style={{ left: at.x, top: at.y, width: BOX_WIDTH }}
      data-step={step.id}
    >
      <button
        type="button"
        className="fn-box-handle"
        aria-label={`Box ${step.id}: ${step.fn}`}
        aria-pressed={selected}
        aria-describedby={`fn-help-${step.id}`}
        title={def?.description}
        onClick={onSelect}
        onKeyDown={keys}
        onPointerDown={down}
        onPointerMove={moveTo}
        onPointerUp={up}
        onPointerCancel={up}
      >
        <strong>
          {step.id}: {step.fn}
        </strong>
      </button>
      <span id={`fn-help-${step.id}`} className="visually-hidden">
        {def?.description ?? `Unknown function ${step.fn}`}
      </span>
      {step.args.map((a, n) => {
        const input = def?.inputs[Math.min(n, def.inputs.length - 1)];
        const name = input?.name ?? `input ${n + 1}`;
        return (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: inputs are positional
            key={`${step.id}-${n}`}
            aria-label={`${step.id} input ${n + 1}: ${name}`}
            className="fn-input control"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              const path = e.dataTransfer.getData('text/x-flowline-source');
              if (path) onInput(n, { type: 'source', path });
            }}
          >
            <span className="fn-port in" data-port={`in:${step.id}:${n}`} aria-hidden="true" />
            <span>
              {name} <small>({input?.type ?? 'any'})</small>
            </span>
            <ValueRefInput
              label={`${step.id} ${name}`}
              value={a}
              steps={earlier}
              sourceListId={sourceListId}
              scopedSources={scopedSources}
              constants={constants}
              onChange={(v) => onInput(n, v)}
            />
          </fieldset>
        );
      })}
      <div className="fn-output">
        {def?.inputs.at(-1)?.variadic || step.args.length < (def?.inputs.length ?? 0) ? (
          <button type="button" onClick={onAddInput} aria-label={`Add input to ${step.id}`}>
            + input
          </button>
        ) : null}
        <span>
          output <small>({def?.output ?? 'any'})</small>
        </span>
        <span className="fn-port out" data-port={`out:${step.id}`} aria-hidden="true" />
      </div>
      <div className="toolbar">
        {!isOutput && (
          <button type="button" onClick={onUseAsOutput} aria-label={`Write ${step.id} to ${target}`}>
            → {target.split('.').at(-1)}
          </button>
        )}
        <button type="button" onClick={onDelete} aria-label={`Delete ${step.id}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
