import type { MapDefinition, Profile } from '@flowline/contracts';
import { compileMap } from './compile.js';
import type { CompileOptions, FieldTrace, MapContext, RuleError } from './compile-types.js';
import { validateMap } from './validate.js';
import type { ValidationResult } from './validate-types.js';

/** What the test panel shows for one sample document. */
export interface MapTestResult {
  output: Record<string, unknown>;
  errors: RuleError[];
  trace: FieldTrace[];
  validation: ValidationResult;
}

/**
 * Runs a map on one sample document with the trace on, next to the map's validation. A map that
 * cannot compile gives its compile error as a rule error rather than throwing.
 */
export function testMap(
  map: MapDefinition,
  sampleDoc: unknown,
  profiles?: { source?: Profile; target?: Profile },
  ctx: Omit<MapContext, 'trace'> & Pick<CompileOptions, 'functions'> = {},
): MapTestResult {
  const { functions, ...runCtx } = ctx;
  const validation = validateMap(map, {
    ...(profiles ? { profiles } : {}),
    ...(functions ? { functions } : {}),
  });
  let run: ReturnType<typeof compileMap>;
  try {
    run = compileMap(map, { ...(profiles ? { profiles } : {}), ...(functions ? { functions } : {}) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { output: {}, errors: [{ ruleId: '', target: '', message }], trace: [], validation };
  }
  const { output, errors, trace = [] } = run(sampleDoc, { ...runCtx, trace: true });
  return { output, errors, trace, validation };
}
