/**
 * The compact, JSON-serialisable model of a CSDL document. Type references are always resolved to
 * qualified names (aliases replaced by namespaces) so consumers never have to know the aliases.
 */

/** A constant or structured annotation value, as far as the connector needs it. */
export type AnnotationValue =
  | string
  | number
  | boolean
  | null
  | AnnotationValue[]
  | { [name: string]: AnnotationValue };

/** Annotations keyed by qualified term (`Org.OData.Core.V1.Description`), with `#Qualifier` if any. */
export type Annotations = Record<string, AnnotationValue>;

export interface PropertyModel {
  name: string;
  /** Qualified type without `Collection(...)`, e.g. `Edm.String` or `Microsoft.Dynamics.DataEntities.NoYes`. */
  type: string;
  collection?: boolean;
  nullable: boolean;
  maxLength?: number | 'max';
  precision?: number;
  scale?: number | 'variable' | 'floating';
  srid?: string;
  defaultValue?: string;
  annotations?: Annotations;
}

export interface NavigationPropertyModel {
  name: string;
  /** Qualified entity type of the target. */
  type: string;
  collection?: boolean;
  nullable: boolean;
  partner?: string;
  containsTarget?: boolean;
  annotations?: Annotations;
}

export interface StructuredTypeModel {
  /** Qualified name, e.g. `Microsoft.Dynamics.DataEntities.CustomerV3`. */
  name: string;
  namespace: string;
  baseType?: string;
  abstract?: boolean;
  openType?: boolean;
  hasStream?: boolean;
  /** Key property names (or paths) in key order; only on entity types that declare one. */
  key?: string[];
  properties: PropertyModel[];
  navigationProperties: NavigationPropertyModel[];
  annotations?: Annotations;
}

export interface EnumMemberModel {
  name: string;
  /** As written in CSDL (or implied by position); Int64 values stay exact as strings. */
  value: string;
  annotations?: Annotations;
}

export interface EnumTypeModel {
  name: string;
  namespace: string;
  underlyingType: string;
  isFlags?: boolean;
  members: EnumMemberModel[];
  annotations?: Annotations;
}

export interface ParameterModel {
  name: string;
  type: string;
  collection?: boolean;
  nullable: boolean;
}

export interface OperationModel {
  /** Qualified name, e.g. `Microsoft.Dynamics.DataEntities.ExportToPackage`. */
  name: string;
  kind: 'Action' | 'Function';
  isBound: boolean;
  isComposable?: boolean;
  parameters: ParameterModel[];
  returnType?: { type: string; collection?: boolean; nullable: boolean };
  annotations?: Annotations;
}

export interface EntitySetModel {
  name: string;
  /** Qualified entity type. */
  entityType: string;
  singleton?: boolean;
  navigationBindings?: Record<string, string>;
  annotations?: Annotations;
}

export interface MetadataModel {
  /** `Version` of the `edmx:Edmx` root. */
  version: string;
  /** SHA-256 of the document bytes (hex): the cache key. */
  hash: string;
  schemas: { namespace: string; alias?: string }[];
  references: { uri: string; includes: { namespace: string; alias?: string }[] }[];
  /** Qualified name of the entity container, if any. */
  entityContainer?: string;
  entityTypes: Record<string, StructuredTypeModel>;
  complexTypes: Record<string, StructuredTypeModel>;
  enumTypes: Record<string, EnumTypeModel>;
  /** Entity sets and singletons by name. */
  entitySets: Record<string, EntitySetModel>;
  /** Actions and functions; overloads share a name, so this is a list. */
  operations: OperationModel[];
}
