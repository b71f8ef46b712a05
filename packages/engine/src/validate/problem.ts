/** What kind of problem a validation found; the web app picks a badge by it. */
export type ProblemCode =
  | 'schema'
  | 'start'
  | 'duplicate-id'
  | 'unknown-shape'
  | 'unreachable'
  | 'cycle'
  | 'handle'
  | 'self-loop'
  | 'error-path'
  | 'not-configured'
  | 'unknown-component'
  | 'profile-mismatch';

/** One problem of a process, answered by shape (or edge) so the canvas can mark it. */
export interface ProcessProblem {
  code: ProblemCode;
  shapeId?: string;
  edgeId?: string;
  message: string;
}
