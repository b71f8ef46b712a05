/** A reason Flowline cannot start, said in one sentence a person can act on (no stack trace). */
export class FlowlineStartError extends Error {
  override name = 'FlowlineStartError';
}
