import type { FieldRule, ValueRef } from '@flowline/contracts';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FunctionBox } from './function-box.js';
import {
  BOX_WIDTH,
  type BoxPosition,
  boxHeight,
  connectInput,
  deleteStep,
  placeStep,
  portOf,
  positions,
  surfaceOf,
} from './function-surface-model.js';
import type { Scope } from './value-ref-input.js';
import './function-surface.css';

const PILL = 120;
/** The widest a pill gets when no box sits between the fields (a field read as it is). */
const WIDE_PILL = 280;
const GAP = 25;
/** Where the target sits when there is no box: right of the source fields. */
const BOX_LEFT_EDGE = PILL + 60;

/** A cubic line from an output port (right) to an input port (left). */
function curve(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const bend = Math.max(30, Math.abs(b.x - a.x) / 2);
  return `M${a.x},${a.y} C${a.x + bend},${a.y} ${b.x - bend},${b.y} ${b.x},${b.y}`;
}

/**
 * A field rule's function boxes on a surface between the two trees: the source fields it reads on
 * the left, the target on the right, lines from fields into inputs and from outputs onward. Used for
 * the selected target field, and for the rules inside a loop (`label` then names which one).
 */
export function FunctionSurface({
  rule,
  target,
  constants,
  onRule,
  label = 'Function surface',
  sourceListId = 'map-source-paths',
  scopedSources,
}: {
  rule: FieldRule | undefined;
  /** The target field, as shown; undefined when none is selected. */
  target: string | undefined;
  constants: string[];
  onRule: (rule: FieldRule) => void;
  label?: string;
  /** The source paths inputs offer, and per scope inside a loop. */
  sourceListId?: string;
  scopedSources?: { listFor: (scope: Scope) => string };
}) {
  const steps = rule?.steps ?? [];
  const [selected, setSelected] = useState<string | undefined>();
  const [dragging, setDragging] = useState<{ id: string; at: BoxPosition } | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [lines, setLines] = useState<{ key: string; d: string }[]>([]);
  const [width, setWidth] = useState(0);
  /** How far down the boxes really reach (an input with a scope picker is taller than estimated). */
  const [bottom, setBottom] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const placed = useMemo(() => positions(steps), [steps]);
  const at = (id: string) => (dragging?.id === id ? dragging.at : (placed.get(id) ?? { x: 0, y: 0 }));
  const { sources, edges } = useMemo(() => (rule ? surfaceOf(rule) : { sources: [], edges: [] }), [rule]);
  // Boxes are placed right of the narrow pills; with none, the two fields share the surface's width.
  const pill = steps.length === 0 ? Math.min(WIDE_PILL, Math.max(PILL, (width - 80) / 2)) : PILL;
  // The target keeps to the right edge of the surface, or right of the rightmost box when they reach further.
  const right = Math.max(
    BOX_LEFT_EDGE,
    width - pill - 8,
    ...[...placed.values()].map((p) => p.x + BOX_WIDTH + GAP),
  );
  const height = Math.max(
    200,
    bottom,
    sources.length * 44 + 16,
    ...steps.map((s) => (placed.get(s.id)?.y ?? 0) + boxHeight(s)),
  );

  // Lines follow the ports wherever layout put them: measured after every render (a few elements).
  useLayoutEffect(() => {
    const root = box.current;
    if (!root) return;
    const measure = () => {
      const origin = root.getBoundingClientRect();
      const point = (port: string, side: 'from' | 'to') => {
        const el = root.querySelector<HTMLElement>(`[data-port="${CSS.escape(port)}"]`);
        if (!el) return undefined;
        const r = el.getBoundingClientRect();
        return {
          x: (side === 'from' ? r.right : r.left) - origin.left + root.scrollLeft,
          y: r.top + r.height / 2 - origin.top + root.scrollTop,
        };
      };
      const next = edges.flatMap((e) => {
        const a = point(e.from, 'from');
        const b = point(e.to, 'to');
        return a && b ? [{ key: `${e.from}>${e.to}`, d: curve(a, b) }] : [];
      });
      setLines((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
      setWidth(root.clientWidth);
      const boxes = [...root.querySelectorAll<HTMLElement>('.fn-box')];
      setBottom(Math.max(0, ...boxes.map((b) => b.offsetTop + b.offsetHeight)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  });

  if (!target || !rule) {
    return (
      <section aria-label={label} className="panel fn-surface-panel">
        <h2>Functions</h2>
        <p className="hint">
          {target
            ? `${target} has no rule yet: link a source field to it, then add a function.`
            : 'Select a mapped target field to see its function boxes here.'}
        </p>
      </section>
    );
  }
  const setInput = (stepId: string, n: number, ref: ValueRef) => {
    const next = connectInput(rule, stepId, n, ref);
    if ('error' in next) setProblem(next.error);
    else {
      setProblem(null);
      onRule(next);
    }
  };
  return (
    <section aria-label={label} className="panel fn-surface-panel">
      <h2>
        Functions <small>for {target}</small>
      </h2>
      <p className="hint">
        Select a box by its title; arrow keys move it (Shift: faster), Delete removes it. Drop a source field
        on an input to feed it.
      </p>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      <div className="fn-surface" ref={box} style={{ height: height + 16 }}>
        <svg className="fn-lines" aria-hidden="true" width={right + pill + 8} height={height + 16}>
          {lines.map((l) => (
            <path key={l.key} d={l.d} data-line={l.key} />
          ))}
        </svg>
        <ul aria-label={`Source fields read by ${target}`} className="plain-list fn-sources">
          {sources.map((s, i) => {
            const port = portOf(s)!;
            const name =
              s.type === 'source' ? `${s.scope && s.scope !== 'current' ? `${s.scope} ` : ''}${s.path}` : '';
            // A pill is narrow: a long F&O name is cut, and whole on hover.
            return (
              <li key={port} className="fn-pill" title={name} style={{ top: 8 + i * 44, width: pill }}>
                {name}
                <span className="fn-port out" data-port={port} aria-hidden="true" />
              </li>
            );
          })}
        </ul>
        <ol aria-label="Function boxes" className="plain-list fn-boxes">
          {steps.map((s, i) => (
            <FunctionBox
              key={s.id}
              step={s}
              at={at(s.id)}
              selected={selected === s.id}
              earlier={steps.slice(0, i).map((x) => x.id)}
              constants={constants}
              sourceListId={sourceListId}
              scopedSources={scopedSources}
              isOutput={rule.value.type === 'step' && rule.value.step === s.id}
              target={target}
              onSelect={() => setSelected(s.id)}
              onDrag={(to) => setDragging(to ? { id: s.id, at: to } : undefined)}
              onMove={(to) => onRule(placeStep(rule, s.id, to))}
              onDelete={() => {
                setSelected(undefined);
                onRule(deleteStep(rule, s.id));
              }}
              onInput={(n, ref) => setInput(s.id, n, ref)}
              onAddInput={() =>
                onRule({
                  ...rule,
                  steps: steps.map((x) =>
                    x.id === s.id ? { ...x, args: [...x.args, { type: 'constant', value: '' }] } : x,
                  ),
                })
              }
              onUseAsOutput={() => onRule({ ...rule, value: { type: 'step', step: s.id } })}
            />
          ))}
        </ol>
        <div className="fn-pill fn-target" title={target} style={{ left: right, top: 8, width: pill }}>
          <span className="fn-port in" data-port="target" aria-hidden="true" />
          {target}
        </div>
      </div>
    </section>
  );
}
