import type { Profile } from '@flowline/contracts';
import type { FunctionDef, FunctionEnv } from './functions/types.js';

/** What the host passes with each document. */
export interface MapContext {
  /** Names the document in errors (an index, a key...). */
  document?: string | number;
  /** Records a per-field trace (slower; for the test panel and error reports). */
  trace?: boolean;
  /** Values read by `{ type: 'variable', name }` (process properties...). */
  variables?: Readonly<Record<string, unknown>>;
  /** Cross-reference tables for `crossReference`. */
  lookups?: FunctionEnv['lookups'];
  /** Counters for `sequence`; by default the compiled map keeps its own across calls. */
  counters?: Map<string, number>;
  /** Clock for `now`/`today`. */
  now?: () => Date;
}

/** A rule that failed on one document: which rule, which target field, why. */
export interface RuleError {
  ruleId: string;
  /** Full target path with loop positions, e.g. `Lines[2].LineAmount`. */
  target: string;
  message: string;
  document?: string | number;
  /** The function step that failed, when one did. */
  step?: string;
}

/** One source value a rule read. */
export interface TraceInput {
  source: string;
  value: unknown;
}

/** One function step's inputs and result. */
export interface TraceStep {
  id: string;
  fn: string;
  args: unknown[];
  result: unknown;
}

/** What happened to one target field on one document. */
export interface FieldTrace {
  ruleId: string;
  target: string;
  inputs: TraceInput[];
  steps: TraceStep[];
  /** The value written (after default and type conversion); absent when nothing was written. */
  value?: unknown;
  /** The condition was false: nothing was written. */
  skipped?: boolean;
  /** The default was used because the value was empty. */
  defaulted?: boolean;
  error?: string;
}

/** The result of running a compiled map on one document. */
export interface MapResult {
  output: Record<string, unknown>;
  errors: RuleError[];
  trace?: FieldTrace[];
}

/** A compiled map: a plain function from a document to its mapped document. */
export type CompiledMap = (doc: unknown, ctx?: MapContext) => MapResult;

export interface CompileOptions {
  /** Profiles to compile against (default: the snapshots in the map); used for type conversions. */
  profiles?: { source?: Profile; target?: Profile };
  /** Converts values to the target field's Edm kind (default true). */
  coerce?: boolean;
  /** Extra functions (host-specific) besides the built-in library. */
  functions?: Iterable<FunctionDef>;
  /**
   * Generates one plain function for the map (default true; user values are data, never code).
   * Off, or where the platform forbids it (a strict CSP), the map runs as closures: same results, slower.
   */
  generate?: boolean;
}
