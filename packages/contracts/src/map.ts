import { type Static, Type } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Profile } from './profile.js';

/**
 * A map: field-by-field rules turning documents of a source profile into documents of a target
 * profile. Stored as JSON and edited by the map editor; compiled and validated by `@flowline/mapping`.
 *
 * Paths are property names joined by `.` (complex fields), with `[]` marking a collection
 * (`SalesOrderLines[]`). Inside a loop rule, paths are relative to the current element of the loop.
 */

/** The current version of the map JSON; older versions are migrated by `@flowline/mapping`. */
export const MAP_SCHEMA_VERSION = 1;

/** Any JSON value (constants, defaults, opaque UI data). */
const Json = Type.Unknown();

/** Where a value comes from: a source field, a constant, a map constant, a function step, a context variable. */
export const ValueRef = Type.Union([
  Type.Object({
    type: Type.Literal('source'),
    path: Type.String({ minLength: 1 }),
    /** `current` (default): the loop element or document; `parent`: one loop up; `root`: the document. */
    scope: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('parent'), Type.Literal('root')])),
  }),
  Type.Object({ type: Type.Literal('constant'), value: Json }),
  Type.Object({ type: Type.Literal('mapConstant'), name: Type.String({ minLength: 1 }) }),
  Type.Object({ type: Type.Literal('step'), step: Type.String({ minLength: 1 }) }),
  Type.Object({ type: Type.Literal('variable'), name: Type.String({ minLength: 1 }) }),
]);
export type ValueRef =
  | { type: 'source'; path: string; scope?: 'current' | 'parent' | 'root' }
  | { type: 'constant'; value: unknown }
  | { type: 'mapConstant'; name: string }
  | { type: 'step'; step: string }
  | { type: 'variable'; name: string };

/** One function box: a function id and its inputs in declaration order. */
export const FunctionStep = Type.Object({
  /** Stable within the rule; referenced by `{ type: 'step' }` of later steps, the value or the condition. */
  id: Type.String({ minLength: 1 }),
  fn: Type.String({ minLength: 1 }),
  args: Type.Array(ValueRef),
  /** Opaque editor data (box position...). */
  ui: Type.Optional(Json),
});
export type FunctionStep = { id: string; fn: string; args: ValueRef[]; ui?: unknown };

const ruleBase = {
  /** Stable id, kept across edits; errors and traces name it. */
  id: Type.String({ minLength: 1 }),
  /** Function boxes, in evaluation order (a step only reads earlier steps). */
  steps: Type.Optional(Type.Array(FunctionStep)),
  /** When given and not truthy, the rule writes nothing (for a loop: the element is skipped). */
  condition: Type.Optional(ValueRef),
  description: Type.Optional(Type.String()),
  ui: Type.Optional(Json),
};

export const FieldRule = Type.Object({
  ...ruleBase,
  kind: Type.Literal('field'),
  /** Target field path, relative to the loop element inside a loop. */
  target: Type.String({ minLength: 1 }),
  /** The one input of the target field. */
  value: ValueRef,
  /** Written when the value is empty (undefined, null or ''). */
  default: Type.Optional(Json),
});
export type FieldRule = {
  id: string;
  kind: 'field';
  target: string;
  value: ValueRef;
  default?: unknown;
  steps?: FunctionStep[];
  condition?: ValueRef;
  description?: string;
  ui?: unknown;
};

export const LoopRule = Type.Cyclic(
  {
    LoopRule: Type.Object({
      ...ruleBase,
      kind: Type.Literal('loop'),
      /** Source collection path ending in `[]`, e.g. `SalesOrderLines[]`. */
      source: Type.String({ minLength: 3 }),
      /** Target collection path ending in `[]`; one element is written per (kept) source element. */
      target: Type.String({ minLength: 3 }),
      rules: Type.Array(Type.Union([FieldRule, Type.Ref('LoopRule')])),
    }),
  },
  'LoopRule',
);
export type LoopRule = {
  id: string;
  kind: 'loop';
  source: string;
  target: string;
  rules: MapRule[];
  steps?: FunctionStep[];
  condition?: ValueRef;
  description?: string;
  ui?: unknown;
};
export type MapRule = FieldRule | LoopRule;
export const MapRule = Type.Union([FieldRule, LoopRule]);

/** A profile as a snapshot, a reference to a stored one, or both (the snapshot is what was validated). */
export const ProfileBinding = Type.Object({
  profile: Type.Optional(Profile),
  ref: Type.Optional(
    Type.Object({
      componentId: Type.String(),
      operation: Type.Optional(Type.String()),
      version: Type.Optional(Type.Integer()),
    }),
  ),
});
export type ProfileBinding = {
  profile?: Profile;
  ref?: { componentId: string; operation?: string; version?: number };
};

export const MapDefinition = Type.Object(
  {
    schemaVersion: Type.Literal(MAP_SCHEMA_VERSION),
    id: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    source: ProfileBinding,
    target: ProfileBinding,
    /** Named constants of the map, read by `{ type: 'mapConstant', name }`. */
    constants: Type.Optional(Type.Record(Type.String(), Json)),
    rules: Type.Array(MapRule),
    ui: Type.Optional(Json),
  },
  { $id: 'MapDefinition' },
);
export interface MapDefinition {
  schemaVersion: typeof MAP_SCHEMA_VERSION;
  id?: string;
  name: string;
  description?: string;
  source: ProfileBinding;
  target: ProfileBinding;
  constants?: Record<string, unknown>;
  rules: MapRule[];
  ui?: unknown;
}

/** Static type of the schema, for checks that the hand-written interface stays in step. */
export type MapDefinitionSchema = Static<typeof MapDefinition>;

let validator: Validator | undefined;

/** Checks a value against the map schema; returns one message per problem, each naming its JSON pointer. */
export function checkMapSchema(value: unknown): string[] {
  // Compiled once (typebox falls back to interpreting where code generation is not allowed).
  validator ??= Compile(MapDefinition);
  if (validator.Check(value)) return [];
  return validator.Errors(value).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
