import type { LoopRule } from '@flowline/contracts';
import type { generate } from './compile-codegen.js';
import { report } from './compile-rule.js';
import { type Run, StepError } from './compile-value.js';
import { show } from './errors.js';
import { truthy } from './functions/logic.js';
import type { RuleScope } from './scope.js';

/** The run-time helpers the generated code receives (by parameter, never by name lookup). */
/** What a frame that is not an object reads as: every path gives undefined. */
const EMPTY = Object.freeze(Object.create(null));
/** A copy of an output object without its unwritten (undefined) template fields. */
function strip(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
/** A memo variable not computed yet in this document (or loop element). */
const UNSET = Symbol('unset');

/** Builds the generated function; undefined where code generation is not allowed (strict CSP). */
export function instantiate(
  gen: ReturnType<typeof generate>,
): ((doc: unknown, r: Run) => Record<string, unknown>) | undefined {
  const E = (i: number, e: unknown, r: Run, st: number): void => {
    const fault = gen.faults[i]!;
    const step = st >= 0 ? fault.steps[st] : undefined;
    const err = step
      ? new StepError(step.id, `${step.fn}: ${e instanceof Error ? e.message : String(e)}`)
      : e;
    report(fault.scope, fault.rule, r, err);
  };
  const N = (i: number, list: unknown, r: Run): void => {
    const fault = gen.faults[i]! as { rule: LoopRule; scope: RuleScope };
    report(
      fault.scope,
      fault.rule,
      r,
      new Error(`source '${fault.rule.source}' is not a collection: ${show(list)}`),
    );
  };
  try {
    // The source holds only our identifiers and indexes; user data comes in through D (see above).
    const factory = new Function('D', 'U', 'T', 'E', 'N', 'M', 'S', gen.source) as (
      ...args: unknown[]
    ) => (doc: unknown, r: Run) => Record<string, unknown>;
    return factory(gen.data, EMPTY, truthy, E, N, UNSET, strip);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}
