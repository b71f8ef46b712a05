import type { MapDefinition } from '@flowline/contracts';
import { generate } from './compile-codegen.js';
import { instantiate } from './compile-instantiate.js';
import { compileRules, type RuleExec } from './compile-rule.js';
import type { CompiledMap, CompileOptions, MapContext, MapResult } from './compile-types.js';
import type { Frame, Run } from './compile-value.js';
import { show } from './errors.js';
import { builtinFunctions } from './functions/registry.js';
import type { FunctionDef, FunctionEnv } from './functions/types.js';
import { rootScope } from './scope.js';

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_LOOKUPS: FunctionEnv['lookups'] = Object.freeze({});
const clock = (): Date => new Date();

/** A map that cannot be compiled (unknown function, step or constant); names the rule at fault. */
export class MapCompileError extends Error {
  override name = 'MapCompileError';
}

/**
 * Compiles a map once into a plain function of a document: checked and built as closures, then
 * generated as one function whose text holds no user value (see compile-codegen.ts); traced runs and
 * platforms that forbid code generation use the closures. A failing rule adds an error naming the
 * document, the rule and the target field, and the other rules still run.
 * @example
 * const run = compileMap(map);
 * const { output, errors } = run(doc, { document: 'CUS-001' });
 */
export function compileMap(map: MapDefinition, options: CompileOptions = {}): CompiledMap {
  const functions = new Map<string, FunctionDef>(builtinFunctions);
  for (const f of options.functions ?? []) functions.set(f.id, f);
  const scope = rootScope(
    options.profiles?.source ?? map.source.profile,
    options.profiles?.target ?? map.target.profile,
  );
  const build = (traced: boolean): RuleExec[] => {
    const base = { functions, constants: map.constants ?? {}, traced, coerce: options.coerce !== false };
    return map.rules.map((rule) => {
      try {
        return compileRules([rule], scope, base)[0]!;
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new MapCompileError(`map '${map.name}', rule '${rule.id}' (target '${rule.target}'): ${msg}`);
      }
    });
  };
  // The closure form checks the map (naming the rule at fault) and serves where code generation is off.
  const closures = build(false);
  const generated =
    options.generate === false
      ? undefined
      : instantiate(generate(map.rules, scope, functions, map.constants ?? {}, options.coerce !== false));
  let traced: RuleExec[] | undefined;
  const counters = new Map<string, number>();

  /** The run state of the fast path, reused from call to call (a nested call makes its own). */
  let spare: Run | undefined;

  return (doc: unknown, ctx?: MapContext): MapResult => {
    const tracing = ctx?.trace === true;
    if (
      !tracing &&
      generated !== undefined &&
      spare !== undefined &&
      doc !== null &&
      typeof doc === 'object'
    ) {
      const run = spare;
      spare = undefined;
      const env = run.env;
      env.lookups = ctx?.lookups ?? NO_LOOKUPS;
      env.counters = ctx?.counters ?? counters;
      env.now = ctx?.now ?? clock;
      env.position = 0;
      run.vars = ctx?.variables ?? NO_VARS;
      run.idx.length = 0;
      run.errors = [];
      run.document = ctx?.document;
      try {
        return { output: generated(doc, run), errors: run.errors };
      } finally {
        spare = run;
      }
    }
    const env: FunctionEnv = {
      lookups: ctx?.lookups ?? NO_LOOKUPS,
      counters: ctx?.counters ?? counters,
      now: ctx?.now ?? clock,
      position: 0,
    };
    const run: Run = {
      env,
      vars: ctx?.variables ?? NO_VARS,
      idx: [],
      reads: undefined,
      steps: undefined,
      errors: [],
      trace: tracing ? [] : undefined,
      document: ctx?.document,
    };
    if (doc === null || typeof doc !== 'object') {
      const message = `document is not an object: ${show(doc)}`;
      return { output: {}, errors: [{ ruleId: '', target: '', message, document: ctx?.document }] };
    }
    if (!tracing && generated !== undefined) {
      const output = generated(doc, run);
      spare ??= run;
      return { output, errors: run.errors };
    }
    const output: Record<string, unknown> = {};
    const frame: Frame = { current: doc, parent: undefined, root: doc };
    if (tracing && traced === undefined) traced = build(true);
    const rules = tracing && traced ? traced : closures;
    for (let i = 0; i < rules.length; i++) rules[i]!(frame, output, run);
    return tracing ? { output, errors: run.errors, trace: run.trace } : { output, errors: run.errors };
  };
}

/** Runs a compiled map over many documents; each document's errors stay with it. */
export function mapDocuments(
  run: CompiledMap,
  docs: readonly unknown[],
  ctx: Omit<MapContext, 'document'> = {},
): MapResult[] {
  return docs.map((doc, i) => run(doc, { ...ctx, document: i }));
}
