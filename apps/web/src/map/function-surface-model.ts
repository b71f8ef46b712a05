import type { FieldRule, FunctionStep, ValueRef } from '@flowline/contracts';
import { getFunction } from '@flowline/mapping';

/** Where a box sits on the surface (kept in the step's `ui`). */
export interface BoxPosition {
  x: number;
  y: number;
}

/** A line between two ports: `src:<scope>:<path>`, `out:<step>`, `in:<step>:<n>`, `target`. */
export interface SurfaceEdge {
  from: string;
  to: string;
}

export const BOX_WIDTH = 210;
export const BOX_LEFT = 140;

/** The port a value comes out of, when it comes from a source field or a box. */
export function portOf(ref: ValueRef): string | undefined {
  if (ref.type === 'source') return `src:${ref.scope ?? 'current'}:${ref.path}`;
  if (ref.type === 'step') return `out:${ref.step}`;
  return undefined;
}

/** Rough height of a box, to stack boxes that were never placed. */
export const boxHeight = (s: FunctionStep) => 110 + 80 * Math.max(1, s.args.length);

const placedAt = (s: FunctionStep): BoxPosition | undefined => {
  const ui = s.ui as Partial<BoxPosition> | undefined;
  return typeof ui?.x === 'number' && typeof ui.y === 'number' ? { x: ui.x, y: ui.y } : undefined;
};

/** A box's position: where the person put it, or stacked below every other box (never on top of one). */
export function positions(steps: readonly FunctionStep[]): Map<string, BoxPosition> {
  const out = new Map<string, BoxPosition>();
  let y = 8;
  for (const s of steps) {
    const at = placedAt(s);
    if (at) y = Math.max(y, at.y + boxHeight(s) + 16);
  }
  for (const s of steps) {
    const at = placedAt(s) ?? { x: BOX_LEFT, y };
    if (!placedAt(s)) y += boxHeight(s) + 16;
    out.set(s.id, at);
  }
  return out;
}

/** The source fields a rule reads (each once) and the lines of its boxes. */
export function surfaceOf(rule: FieldRule): { sources: ValueRef[]; edges: SurfaceEdge[] } {
  const sources = new Map<string, ValueRef>();
  const edges: SurfaceEdge[] = [];
  const wire = (ref: ValueRef, to: string) => {
    const from = portOf(ref);
    if (!from) return;
    if (ref.type === 'source') sources.set(from, ref);
    edges.push({ from, to });
  };
  for (const s of rule.steps ?? []) for (const [n, a] of s.args.entries()) wire(a, `in:${s.id}:${n}`);
  wire(rule.value, 'target');
  return { sources: [...sources.values()], edges };
}

/** Puts a box at a position (never left of or above the surface). */
export function placeStep(rule: FieldRule, id: string, at: BoxPosition): FieldRule {
  const ui = { x: Math.max(0, Math.round(at.x)), y: Math.max(0, Math.round(at.y)) };
  return {
    ...rule,
    steps: (rule.steps ?? []).map((s) =>
      s.id === id ? { ...s, ui: { ...(s.ui as object | undefined), ...ui } } : s,
    ),
  };
}

/**
 * Deletes a box; whatever read its output reads its first input instead, so removing `trim` from
 * `upper(trim(x))` leaves `upper(x)`.
 */
export function deleteStep(rule: FieldRule, id: string): FieldRule {
  const gone = rule.steps?.find((s) => s.id === id);
  if (!gone) return rule;
  const instead: ValueRef = gone.args[0] ?? { type: 'constant', value: '' };
  const swap = (r: ValueRef): ValueRef => (r.type === 'step' && r.step === id ? instead : r);
  const steps = (rule.steps ?? []).filter((s) => s.id !== id).map((s) => ({ ...s, args: s.args.map(swap) }));
  const next: FieldRule = { ...rule, value: swap(rule.value) };
  if (steps.length > 0) next.steps = steps;
  else delete next.steps;
  if (rule.condition) next.condition = swap(rule.condition);
  return next;
}

/** Feeds one input of a box; a box reads only earlier boxes (the order they run in). */
export function connectInput(
  rule: FieldRule,
  stepId: string,
  n: number,
  ref: ValueRef,
): FieldRule | { error: string } {
  const steps = rule.steps ?? [];
  const at = steps.findIndex((s) => s.id === stepId);
  if (at < 0) return { error: `There is no box ${stepId}.` };
  if (ref.type === 'step') {
    const from = steps.findIndex((s) => s.id === ref.step);
    if (from < 0 || from >= at)
      return { error: `${stepId} runs before ${ref.step}: a box can only read boxes that run before it.` };
  }
  return {
    ...rule,
    steps: steps.map((s, i) => (i === at ? { ...s, args: s.args.map((a, k) => (k === n ? ref : a)) } : s)),
  };
}

/**
 * The rule with a new box of `fn` writing its value, fed by what the value was (first required input);
 * undefined for an unknown function. Box ids start with `prefix`; ids of deleted boxes still in use are skipped.
 */
export function withFunction(rule: FieldRule, fn: string, prefix = 'f'): FieldRule | undefined {
  const def = getFunction(fn);
  if (!def) return undefined;
  const steps = rule.steps ?? [];
  let k = steps.length + 1;
  while (steps.some((s) => s.id === `${prefix}${k}`)) k++;
  const id = `${prefix}${k}`;
  const args: ValueRef[] = def.inputs
    .filter((i) => !i.optional)
    .map((_, n) => (n === 0 ? rule.value : { type: 'constant', value: '' }));
  return { ...rule, steps: [...steps, { id, fn, args }], value: { type: 'step', step: id } };
}
