import { checkProcessSchema, PROCESS_SCHEMA_VERSION, type ProcessDefinition } from '@flowline/contracts';

/** A process JSON that does not match the schema (after migration); lists every problem by JSON pointer. */
export class ProcessSchemaError extends Error {
  override name = 'ProcessSchemaError';
  constructor(readonly problems: string[]) {
    super(`The process JSON is not valid: ${problems.slice(0, 5).join('; ')}`);
  }
}

/**
 * Brings a stored process JSON to the current `schemaVersion` (each version's migration in order)
 * and checks it against the schema.
 */
export function parseProcess(json: unknown): ProcessDefinition {
  if (json === null || typeof json !== 'object') throw new ProcessSchemaError(['/: must be an object']);
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || version > PROCESS_SCHEMA_VERSION || version < 1) {
    throw new ProcessSchemaError([
      `/schemaVersion: ${String(version)} is not a version this engine knows (1..${PROCESS_SCHEMA_VERSION})`,
    ]);
  }
  // Version 1 is the first: no migration yet. A later version adds `migrations[n]` (n -> n + 1) here.
  const problems = checkProcessSchema(json);
  if (problems.length > 0) throw new ProcessSchemaError(problems);
  return json as ProcessDefinition;
}
