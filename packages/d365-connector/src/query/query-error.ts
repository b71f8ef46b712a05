/** A query, key or literal cannot be built: names the property or value at fault. Thrown before sending. */
export class QueryBuildError extends Error {
  override readonly name = 'QueryBuildError';
  constructor(
    message: string,
    /** Property path at fault, when there is one. */
    readonly path?: string,
  ) {
    super(message);
  }
}
