import type { ValueType } from '../kinds.js';

/** What a function may read besides its inputs; built once per document by the compiled map. */
export interface FunctionEnv {
  /** Cross-reference tables passed in by the host, by name: key to value. */
  lookups: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Counters of `sequence`, by name; the host passes its own to keep them across runs. */
  counters: Map<string, number>;
  /** Clock of `now`/`today`; the host may fix it for repeatable runs. */
  now: () => Date;
  /** 1-based position of the current loop element; 0 outside loops. */
  position: number;
}

export type FunctionCategory = 'string' | 'number' | 'date' | 'logic' | 'lookup' | 'sequence' | 'conversion';

/** One named, typed input of a function, as the function panel shows it. */
export interface FunctionInput {
  name: string;
  type: ValueType;
  description: string;
  /** May be left out (trailing inputs only). */
  optional?: boolean;
  /** Takes any number of values (last input only). */
  variadic?: boolean;
}

/** An example that documents the function and is run as a test. */
export interface FunctionExample {
  args: unknown[];
  result: unknown;
  /** Parts of the environment the example needs (lookups, counters, clock). */
  env?: Partial<FunctionEnv>;
}

/** A function of the library: its description for the UI and its implementation. */
export interface FunctionDef {
  id: string;
  category: FunctionCategory;
  description: string;
  inputs: FunctionInput[];
  output: ValueType;
  examples: FunctionExample[];
  /** False when two calls with the same inputs may differ (counters): never computed once and reused. */
  pure?: boolean;
  /**
   * Receives the inputs in declaration order (variadic values spread at the end). Built-ins must not
   * keep or return `args`: the generated code reuses one array per call site.
   */
  impl: (args: unknown[], env: FunctionEnv) => unknown;
}

/** What the function panel lists: everything but the implementation. */
export type FunctionInfo = Omit<FunctionDef, 'impl'>;

/** Declares a function (typed); hosts pass their own to `compileMap(map, { functions })`. */
export function defineFunction(def: FunctionDef): FunctionDef {
  return def;
}
