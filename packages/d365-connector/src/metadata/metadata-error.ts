/** The `$metadata` document is not well-formed, hostile, or not CSDL: says what and where. */
export class MetadataParseError extends Error {
  override readonly name = 'MetadataParseError';
  constructor(
    readonly reason: string,
    /** 1-based line of the offending input. */
    readonly line: number,
    /** 1-based column (in characters) of the offending input. */
    readonly column: number,
  ) {
    super(`Invalid $metadata at line ${line}, column ${column}: ${reason}`);
  }
}
