import { checkMapSchema, MAP_SCHEMA_VERSION, type MapDefinition, type Profile } from '@flowline/contracts';

/** A map whose JSON does not match the schema (or comes from a newer Flowline); lists every problem. */
export class MapSchemaError extends Error {
  override name = 'MapSchemaError';
  constructor(readonly problems: string[]) {
    super(`invalid map: ${problems.join('; ')}`);
  }
}

/** An empty map between two profiles (snapshots kept in the map). */
export function createMap(name: string, source?: Profile, target?: Profile): MapDefinition {
  return {
    schemaVersion: MAP_SCHEMA_VERSION,
    name,
    source: source ? { profile: source } : {},
    target: target ? { profile: target } : {},
    rules: [],
  };
}

/**
 * Reads stored map JSON: migrates older schema versions to the current one, then checks the schema.
 * Version 1 is the first, so there is nothing to migrate yet; the hook is where migrations go.
 */
export function parseMap(json: unknown): MapDefinition {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > MAP_SCHEMA_VERSION) {
    throw new MapSchemaError([
      `/schemaVersion: ${version} is newer than this Flowline (${MAP_SCHEMA_VERSION})`,
    ]);
  }
  const problems = checkMapSchema(json);
  if (problems.length > 0) throw new MapSchemaError(problems);
  return json as MapDefinition;
}
