/** What a validation issue is about; stable codes the map editor can key badges and help on. */
export type IssueCode =
  | 'schema'
  | 'no-profile'
  | 'duplicate-rule-id'
  | 'duplicate-target'
  | 'unknown-target'
  | 'unknown-source'
  | 'collection-path'
  | 'loop-not-collection'
  | 'incompatible-type'
  | 'conversion'
  | 'unmapped-mandatory'
  | 'enum-value'
  | 'max-length'
  | 'decimal-precision'
  | 'read-only'
  | 'invalid-constant'
  | 'unknown-function'
  | 'function-arity'
  | 'function-type'
  | 'unknown-step'
  | 'unknown-constant';

/** One finding of the map checker, with the field paths at fault. */
export interface ValidationIssue {
  severity: 'error' | 'warning';
  code: IssueCode;
  message: string;
  ruleId?: string;
  /** Target path at fault (loops included: `SalesOrderLines[].ItemNumber`). */
  target?: string;
  /** Source path at fault. */
  source?: string;
  /** Function step at fault. */
  step?: string;
}

/** The map checker's verdict: valid means no errors (warnings allowed). */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
