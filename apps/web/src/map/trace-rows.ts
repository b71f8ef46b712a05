import type { FieldTrace } from '@flowline/mapping';

/** One row of a map test's trace, in words. */
export interface TraceRow {
  key: string;
  target: string;
  read: string;
  steps: string;
  written: string;
  /** The rule wrote a value, failed, was skipped or ran functions: worth showing by default. */
  eventful: boolean;
}

const json = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * A map test's trace as rows a person reads (`CustomerAccount = "US-001"`, `f1: trim("  a ") → "a"`),
 * not as JSON: an auto-mapped entity has 300 rules, most of which find nothing in a short sample.
 */
export function traceRows(trace: FieldTrace[]): TraceRow[] {
  return trace.map((t) => {
    const written = t.skipped
      ? 'skipped (condition false)'
      : t.error
        ? `error: ${t.error}`
        : `${json(t.value)}${t.defaulted ? ' (default)' : ''}`;
    return {
      key: `${t.ruleId}-${t.target}`,
      target: t.target,
      read: t.inputs
        .map((i) =>
          i.value === undefined ? `${i.source} (absent)` : `${i.source} = ${JSON.stringify(i.value)}`,
        )
        .join(', '),
      steps: t.steps
        .map((s) => `${s.id}: ${s.fn}(${s.args.map(json).join(', ')}) → ${json(s.result)}`)
        .join('; '),
      written,
      eventful: t.value !== undefined || !!t.error || !!t.skipped || t.steps.length > 0,
    };
  });
}
