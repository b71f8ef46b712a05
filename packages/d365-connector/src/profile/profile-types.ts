/**
 * The profile shape, structurally identical to `Profile`/`ProfileField` in `@flowline/contracts`
 * (the connector depends on nothing of ours at run time; a type test keeps the two in step).
 */

/** How a field is edited and mapped: derived from its Edm type. */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'int64'
  | 'decimal'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'guid'
  | 'binary'
  | 'enum'
  | 'complex'
  | 'navigation'
  | 'other';

export interface EnumMember {
  name: string;
  value: string;
  label?: string;
}

export interface ProfileField {
  name: string;
  kind: FieldKind;
  edmType: string;
  collection?: boolean;
  nullable: boolean;
  keyIndex?: number;
  maxLength?: number;
  precision?: number;
  scale?: number;
  /** F&O's label id (`@SYS13342`), or its text once read (`FnoClient.labels`). */
  label?: string;
  /** The label id, when `label` holds its text. */
  labelId?: string;
  readOnly?: boolean;
  mandatory?: boolean;
  enumMembers?: EnumMember[];
  fields?: ProfileField[];
  targetType?: string;
}

export interface Profile {
  entityType: string;
  entitySet?: string;
  label?: string;
  labelId?: string;
  key: string[];
  fields: ProfileField[];
}
