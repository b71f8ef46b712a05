import {
  type ComponentType,
  ConnectionBody,
  connectionSecretFields,
  MapDefinition,
  OperationBody,
  ProcessDefinition,
} from '@flowline/contracts';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { HttpProblem } from '../errors/problem.js';
import { problemItems } from '../errors/schema-errors.js';

const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false, coerceTypes: false });
addFormats.default(ajv);

const validators: Record<ComponentType, ValidateFunction> = {
  connection: ajv.compile(ConnectionBody),
  operation: ajv.compile(OperationBody),
  map: ajv.compile(MapDefinition),
  process: ajv.compile(ProcessDefinition),
};

/** JSON pointers of the write-only fields of each type's body. */
export const secretFields: Record<ComponentType, readonly string[]> = {
  connection: connectionSecretFields,
  operation: [],
  map: [],
  process: [],
};

/** Body migrations, by type and by the version they upgrade from; applied on read and on write. */
export const bodyMigrations: Record<
  ComponentType,
  Record<number, (body: Record<string, unknown>) => Record<string, unknown>>
> = { connection: {}, operation: {}, map: {}, process: {} };

/** Brings a stored body up to its type's current schema version. */
export function migrateBody(type: ComponentType, body: Record<string, unknown>): Record<string, unknown> {
  let current = body;
  for (;;) {
    const step = bodyMigrations[type][Number(current.schemaVersion)];
    if (!step) return current;
    current = step(current);
  }
}

/** Checks a body against its type's schema; a 400 names every field path at fault. */
export function validateBody(type: ComponentType, body: unknown): void {
  const validate = validators[type];
  if (validate(body)) return;
  const errors = problemItems(simplify(validate.errors ?? []), '/body/body');
  throw new HttpProblem(
    400,
    'Bad Request',
    `This ${type} is not valid: ${errors[0]?.path} ${errors[0]?.message}`,
    {
      errors,
    },
  );
}

/** Union schemas report every branch's failure; keep the deepest ones, which name the real fault. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const max = Math.max(...errors.map(depth));
  const deepest = errors.filter((e) => depth(e) === max && e.keyword !== 'anyOf');
  const seen = new Set<string>();
  return (deepest.length ? deepest : errors).filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Keys of a body that name other components, and the type each must have. */
const referenceKeys: Record<string, ComponentType> = {
  connectionId: 'connection',
  operationId: 'operation',
  mapId: 'map',
};

export interface Reference {
  path: string;
  id: string;
  type: ComponentType;
}

/** Every reference to another component in a body, wherever it sits (shapes, profile bindings...). */
export function referencesOf(body: unknown): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, `${path}/${i}`);
      });
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const type = referenceKeys[key];
        if (type && typeof v === 'string') found.push({ path: `${path}/${key}`, id: v, type });
        // A map's profile binding names the operation it was imported from.
        else if (
          key === 'ref' &&
          v &&
          typeof v === 'object' &&
          typeof (v as { componentId?: unknown }).componentId === 'string'
        ) {
          found.push({
            path: `${path}/ref/componentId`,
            id: (v as { componentId: string }).componentId,
            type: 'operation',
          });
        } else walk(v, `${path}/${key}`);
      }
    }
  };
  walk(body, '');
  return found;
}
