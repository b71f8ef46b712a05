import { type Static, Type } from 'typebox';

/**
 * The schema of a document, imported from an entity type of a service's `$metadata`.
 * Produced by `toProfile` in `@flowline/d365-connector`, stored as a snapshot with an operation,
 * and read by the mapping package and the map editor's trees.
 */

/** How a field is edited and mapped: derived from its Edm type. */
export const FieldKind = Type.Union([
  Type.Literal('string'),
  Type.Literal('integer'), // Edm.Byte/SByte/Int16/Int32
  Type.Literal('int64'), // Edm.Int64: kept exact beyond 2^53
  Type.Literal('decimal'), // Edm.Decimal: kept exact, never binary floating point
  Type.Literal('number'), // Edm.Double/Single
  Type.Literal('boolean'),
  Type.Literal('datetime'), // Edm.DateTimeOffset (F&O's date-only fields too: 12:00 UTC)
  Type.Literal('date'), // Edm.Date
  Type.Literal('time'), // Edm.TimeOfDay / Edm.Duration
  Type.Literal('guid'),
  Type.Literal('binary'),
  Type.Literal('enum'),
  Type.Literal('complex'),
  Type.Literal('navigation'),
  Type.Literal('other'),
]);
export type FieldKind = Static<typeof FieldKind>;

export const EnumMember = Type.Object({
  name: Type.String(),
  value: Type.String(), // as written in CSDL; Int64 values stay exact as strings
  label: Type.Optional(Type.String()),
});
export type EnumMember = Static<typeof EnumMember>;

export interface ProfileField {
  /** Property name, case-sensitive as in `$metadata`. */
  name: string;
  kind: FieldKind;
  /** Edm type or qualified type name, e.g. `Edm.String`, `Microsoft.Dynamics.DataEntities.NoYes`. */
  edmType: string;
  /** A collection (`Collection(...)` or a to-many navigation). */
  collection?: boolean;
  nullable: boolean;
  /** Position in the entity key (0-based) when the field is a key part. */
  keyIndex?: number;
  maxLength?: number;
  precision?: number;
  scale?: number;
  /** The field's label: its text, or F&O's label id (`@SYS13342`) when the text is not known. */
  label?: string;
  /** F&O's label id when `label` holds its text. */
  labelId?: string;
  readOnly?: boolean;
  mandatory?: boolean;
  /** Members of an enum field, in declaration order. */
  enumMembers?: EnumMember[];
  /** Fields of a complex type or of a navigation target (one level for navigations). */
  fields?: ProfileField[];
  /** Entity type of a navigation target. */
  targetType?: string;
}

/**
 * Nested fields are checked one level deep by the schema; `toProfile` guarantees the rest. Their other
 * properties (type, hints, deeper fields) pass through, so answers and stored snapshots keep them.
 */
const NestedField = Type.Unsafe<ProfileField>(
  Type.Object({ name: Type.String(), kind: FieldKind }, { additionalProperties: true }),
);

export const ProfileField = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 256 }),
  kind: FieldKind,
  edmType: Type.String({ maxLength: 512 }),
  collection: Type.Optional(Type.Boolean()),
  nullable: Type.Boolean(),
  keyIndex: Type.Optional(Type.Integer({ minimum: 0 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 0 })),
  precision: Type.Optional(Type.Integer({ minimum: 0 })),
  scale: Type.Optional(Type.Integer({ minimum: 0 })),
  label: Type.Optional(Type.String()),
  labelId: Type.Optional(Type.String()),
  readOnly: Type.Optional(Type.Boolean()),
  mandatory: Type.Optional(Type.Boolean()),
  enumMembers: Type.Optional(Type.Array(EnumMember)),
  fields: Type.Optional(Type.Array(NestedField)),
  targetType: Type.Optional(Type.String()),
});

export const Profile = Type.Object({
  /** Qualified entity type name, e.g. `Microsoft.Dynamics.DataEntities.CustomerV3`. */
  entityType: Type.String(),
  /** Entity set the profile was imported from, e.g. `CustomersV3`. */
  entitySet: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  labelId: Type.Optional(Type.String()),
  /** Key property names, in key order. */
  key: Type.Array(Type.String()),
  fields: Type.Array(ProfileField),
});
export interface Profile {
  entityType: string;
  entitySet?: string;
  label?: string;
  labelId?: string;
  key: string[];
  fields: ProfileField[];
}
