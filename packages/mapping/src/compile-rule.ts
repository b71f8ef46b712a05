import type { FieldRule, LoopRule, MapRule } from '@flowline/contracts';
import type { FieldTrace } from './compile-types.js';
import {
  compileRef,
  compileStep,
  type Frame,
  type Getter,
  type Run,
  StepError,
  type StepExec,
  type ValueCompileContext,
} from './compile-value.js';
import { converter } from './convert.js';
import { show } from './errors.js';
import { truthy } from './functions/logic.js';
import { findField, parsePath, pathReader, pathWriter } from './paths.js';
import type { RuleScope } from './scope.js';

/** Runs one compiled rule on one frame, writing into `out`. */
export type RuleExec = (f: Frame, out: Record<string, unknown>, r: Run) => void;

export interface RuleCompileContext extends Omit<ValueCompileContext, 'stepIds' | 'scope'> {
  coerce: boolean;
}

const NO_VALUES: unknown[] = [];

/** Full target path of a rule with the current loop positions: `Lines[2].Amount`. */
function targetPath(scope: RuleScope, target: string, r: Run): string {
  const parts = scope.loops.map((loop, depth) => `${loop.slice(0, -2)}[${r.idx[depth] ?? 0}]`);
  if (target !== '') parts.push(target);
  return parts.join('.');
}

/** Adds a rule error (document, full target path, failing step) to the run; returns the message. */
export function report(scope: RuleScope, rule: MapRule, r: Run, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const error = { ruleId: rule.id, target: targetPath(scope, rule.target, r), message };
  r.errors.push({
    ...error,
    ...(r.document === undefined ? {} : { document: r.document }),
    ...(e instanceof StepError ? { step: e.step } : {}),
  });
  return message;
}

function compileSteps(rule: MapRule, scope: RuleScope, c: RuleCompileContext) {
  const vc: ValueCompileContext = { ...c, scope, stepIds: new Map() };
  const execs: StepExec[] = [];
  for (const [i, step] of (rule.steps ?? []).entries()) {
    // Registered after compiling, so a step cannot read itself or a later step.
    execs.push(compileStep(step, i, vc));
    const fn = c.functions.get(step.fn)!;
    vc.stepIds.set(step.id, { index: i, fn });
  }
  const cond = rule.condition ? compileRef(rule.condition, vc) : undefined;
  return { vc, execs, cond };
}

function runSteps(execs: StepExec[], f: Frame, r: Run): unknown[] {
  if (execs.length === 0) return NO_VALUES;
  const vals = new Array(execs.length);
  for (let i = 0; i < execs.length; i++) execs[i]!(f, vals, r);
  return vals;
}

function compileField(rule: FieldRule, scope: RuleScope, c: RuleCompileContext): RuleExec {
  const { vc, execs, cond } = compileSteps(rule, scope, c);
  const value: Getter = compileRef(rule.value, vc);
  const { segments } = parsePath(rule.target);
  const write = pathWriter(segments);
  const field = findField(scope.target, segments);
  const hasDefault = rule.default !== undefined;
  const fallback = rule.default;
  // Documents are untrusted: every value is converted to the target kind, behind a cheap type guard.
  const conv = c.coerce && field && !field.collection ? converter(field) : undefined;

  if (!c.traced) {
    return (f, out, r) => {
      try {
        const vals = runSteps(execs, f, r);
        if (cond !== undefined && !truthy(cond(f, vals, r))) return;
        let v = value(f, vals, r);
        if (hasDefault && (v === undefined || v === null || v === '')) v = fallback;
        if (v === undefined) return;
        write(out, conv === undefined ? v : conv(v));
      } catch (e) {
        report(scope, rule, r, e);
      }
    };
  }
  return (f, out, r) => {
    const t: FieldTrace = {
      ruleId: rule.id,
      target: targetPath(scope, rule.target, r),
      inputs: [],
      steps: [],
    };
    r.reads = t.inputs;
    r.steps = t.steps;
    r.trace?.push(t);
    try {
      const vals = runSteps(execs, f, r);
      if (cond !== undefined && !truthy(cond(f, vals, r))) {
        t.skipped = true;
        return;
      }
      let v = value(f, vals, r);
      if (hasDefault && (v === undefined || v === null || v === '')) {
        v = fallback;
        t.defaulted = true;
      }
      if (v === undefined) return;
      const w = conv === undefined ? v : conv(v);
      t.value = w;
      write(out, w);
    } catch (e) {
      t.error = report(scope, rule, r, e);
    } finally {
      r.reads = undefined;
      r.steps = undefined;
    }
  };
}

function compileLoop(rule: LoopRule, scope: RuleScope, c: RuleCompileContext): RuleExec {
  const src = parsePath(rule.source);
  const tgt = parsePath(rule.target);
  const read = pathReader(src.segments);
  const write = pathWriter(tgt.segments);
  const inner: RuleScope = {
    source: findField(scope.source, src.segments)?.fields,
    target: findField(scope.target, tgt.segments)?.fields,
    parent: scope,
    loops: [...scope.loops, rule.target],
    sourceLoops: [...scope.sourceLoops, rule.source],
  };
  const { execs, cond } = compileSteps(rule, inner, c);
  const children = compileRules(rule.rules, inner, c);
  const depth = scope.loops.length;
  return (f, out, r) => {
    const list = read(f.current);
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      report(scope, rule, r, new Error(`source '${rule.source}' is not a collection: ${show(list)}`));
      return;
    }
    const result: unknown[] = [];
    const position = r.env.position;
    for (let i = 0; i < list.length; i++) {
      const el: Frame = { current: list[i], parent: f, root: f.root };
      r.idx[depth] = result.length;
      r.env.position = i + 1;
      try {
        if (cond !== undefined && !truthy(cond(el, runSteps(execs, el, r), r))) continue;
      } catch (e) {
        report(inner, { ...rule, target: '' }, r, e);
        continue;
      }
      const item: Record<string, unknown> = {};
      for (let k = 0; k < children.length; k++) children[k]!(el, item, r);
      result.push(item);
    }
    r.env.position = position;
    r.idx.length = depth;
    write(out, result);
  };
}

/** Compiles a list of rules in one scope. */
export function compileRules(rules: readonly MapRule[], scope: RuleScope, c: RuleCompileContext): RuleExec[] {
  return rules.map((rule) =>
    rule.kind === 'loop' ? compileLoop(rule, scope, c) : compileField(rule, scope, c),
  );
}
