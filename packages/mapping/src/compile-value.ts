import type { FunctionStep, ValueRef } from '@flowline/contracts';
import type { FieldTrace, RuleError, TraceInput, TraceStep } from './compile-types.js';
import { MappingError } from './errors.js';
import type { FunctionDef, FunctionEnv } from './functions/types.js';
import { typeOfConstant, type ValueType } from './kinds.js';
import { findField, parsePath, pathReader } from './paths.js';
import { type RuleScope, sourceFieldsOf, sourceLabel } from './scope.js';

/** The data of one loop level (or the document) while a map runs. */
export interface Frame {
  current: unknown;
  parent: Frame | undefined;
  root: unknown;
}

/** Per-document run state shared by all rules. */
export interface Run {
  env: FunctionEnv;
  vars: Readonly<Record<string, unknown>>;
  /** Loop positions (0-based, by depth) for error paths. */
  idx: number[];
  /** Collects source reads of the rule being traced (traced runs only). */
  reads: TraceInput[] | undefined;
  /** Collects steps of the rule being traced (traced runs only). */
  steps: TraceStep[] | undefined;
  errors: RuleError[];
  trace: FieldTrace[] | undefined;
  document: string | number | undefined;
}

/** Reads one value for a rule: from the frame, the step results so far, or the run. */
export type Getter = (f: Frame, vals: unknown[], r: Run) => unknown;
/** Runs one function step into `vals`. */
export type StepExec = (f: Frame, vals: unknown[], r: Run) => void;

/** A function step failed: carries the step id for the error report. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message);
  }
}

/** Everything the value compiler needs to resolve names. */
export interface ValueCompileContext {
  scope: RuleScope;
  functions: ReadonlyMap<string, FunctionDef>;
  constants: Readonly<Record<string, unknown>>;
  /** Step ids of the rule being compiled, in order, with their functions. */
  stepIds: Map<string, { index: number; fn: FunctionDef }>;
  traced: boolean;
}

function sourceGetter(path: string, which: 'current' | 'parent' | 'root' | undefined): Getter {
  const { segments } = parsePath(path);
  if (which === 'root') {
    const read = pathReader(segments);
    return (f) => read(f.root);
  }
  if (which === 'parent') {
    const read = pathReader(segments);
    return (f) => read(f.parent?.current);
  }
  if (segments.length === 1) {
    const a = segments[0]!;
    return (f) => {
      const c = f.current;
      return c === null || typeof c !== 'object' ? undefined : (c as Record<string, unknown>)[a];
    };
  }
  const read = pathReader(segments);
  return (f) => read(f.current);
}

/** Compiles a value reference to a getter; user values are captured as data, never turned into code. */
export function compileRef(ref: ValueRef, c: ValueCompileContext): Getter {
  switch (ref.type) {
    case 'source': {
      const g = sourceGetter(ref.path, ref.scope);
      if (!c.traced) return g;
      const label = sourceLabel(c.scope, ref.path, ref.scope);
      return (f, v, r) => {
        const x = g(f, v, r);
        r.reads?.push({ source: label, value: x });
        return x;
      };
    }
    case 'constant': {
      const value = ref.value;
      return () => value;
    }
    case 'mapConstant': {
      if (!Object.hasOwn(c.constants, ref.name)) throw new MappingError(`unknown map constant '${ref.name}'`);
      const value = c.constants[ref.name];
      return () => value;
    }
    case 'variable': {
      const name = ref.name;
      return (_f, _v, r) => r.vars[name];
    }
    case 'step': {
      const s = c.stepIds.get(ref.step);
      if (!s) throw new MappingError(`unknown step '${ref.step}' (a step may only read earlier steps)`);
      const i = s.index;
      return (_f, v) => v[i];
    }
  }
}

/** Static type of a value reference, from the profiles and the function outputs. */
export function typeOfRef(
  ref: ValueRef,
  c: Pick<ValueCompileContext, 'scope' | 'constants' | 'stepIds'>,
): ValueType {
  switch (ref.type) {
    case 'source': {
      const field = findField(sourceFieldsOf(c.scope, ref.scope), parsePath(ref.path).segments);
      return field ? (field.collection ? 'array' : field.kind) : 'any';
    }
    case 'constant':
      return typeOfConstant(ref.value);
    case 'mapConstant':
      return typeOfConstant(c.constants[ref.name]);
    case 'step':
      return c.stepIds.get(ref.step)?.fn.output ?? 'any';
    default:
      return 'any';
  }
}

/** Compiles one function step: its inputs are read, the function called, the result stored at its index. */
export function compileStep(step: FunctionStep, index: number, c: ValueCompileContext): StepExec {
  const def = c.functions.get(step.fn);
  if (!def) throw new MappingError(`unknown function '${step.fn}' in step '${step.id}'`);
  const gs = step.args.map((a) => compileRef(a, c));
  const impl = def.impl;
  const id = step.id;
  const fail = (e: unknown): never => {
    throw new StepError(id, `${def.id}: ${e instanceof Error ? e.message : String(e)}`);
  };
  let exec: StepExec;
  if (gs.length === 1) {
    const g0 = gs[0]!;
    exec = (f, v, r) => {
      try {
        v[index] = impl([g0(f, v, r)], r.env);
      } catch (e) {
        fail(e);
      }
    };
  } else if (gs.length === 2) {
    const g0 = gs[0]!;
    const g1 = gs[1]!;
    exec = (f, v, r) => {
      try {
        v[index] = impl([g0(f, v, r), g1(f, v, r)], r.env);
      } catch (e) {
        fail(e);
      }
    };
  } else {
    exec = (f, v, r) => {
      const args = new Array(gs.length);
      for (let i = 0; i < gs.length; i++) args[i] = gs[i]!(f, v, r);
      try {
        v[index] = impl(args, r.env);
      } catch (e) {
        fail(e);
      }
    };
  }
  if (!c.traced) return exec;
  return (f, v, r) => {
    const args = gs.map((g) => g(f, v, r));
    const entry: TraceStep = { id, fn: def.id, args, result: undefined };
    r.steps?.push(entry);
    try {
      v[index] = impl(args, r.env);
    } catch (e) {
      entry.result = undefined;
      fail(e);
    }
    entry.result = v[index];
  };
}
