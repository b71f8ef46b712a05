/** Edm kinds the sandbox knows; `Date` is an X++ date exposed as Edm.DateTimeOffset at 12:00 UTC. */
export type EdmKind =
  | 'String'
  | 'Int32'
  | 'Int64'
  | 'Decimal'
  | 'Date'
  | 'DateTime'
  | 'Guid'
  | 'Boolean'
  | 'Binary'
  | 'Enum';

/** One structural property of an entity type. */
export interface PropertyDef {
  /** Property name (case-sensitive). */
  n: string;
  /** Edm kind. */
  t: EdmKind;
  /** Enum type name when `t` is `Enum`. */
  e?: string;
  /** Max length for strings. */
  l?: number;
  /** 1 when F&O requires a value on create (mandatory field). */
  r?: 1;
  /** 1 when the field cannot be written by clients. */
  ro?: 1;
  /** 1 when the property may be null (enums that F&O serialises as null). */
  nu?: 1;
  /** Numeric part of the label id (`@SYS<lb>`). */
  lb: number;
}

/** A navigation property; `c` maps the dependent property names to the principal ones. */
export interface NavigationDef {
  n: string;
  /** Target entity type name. */
  to: string;
  many: boolean;
  /** Referential constraint: [ownProperty, targetProperty] pairs. */
  c: [string, string][];
}

/** A bound action. */
export interface ActionDef {
  n: string;
  /** Bound to the collection (true) or a single entity (false). */
  collection: boolean;
  params: { n: string; t: string }[];
  returns: string;
}

/** An entity type with its entity set. */
export interface EntityDef {
  type: string;
  set: string;
  keys: string[];
  props: PropertyDef[];
  navs?: NavigationDef[];
  actions?: ActionDef[];
  /** Number-sequence prefix for a key filled on create when omitted. */
  seq?: { key: string; prefix: string; width: number };
}

/** A CSDL enum type; members keep their declared order as values 0..n-1. */
export interface EnumDef {
  name: string;
  members: string[];
  lb: number;
}

/** The catalogue generated from fno-openapi plus what the OpenAPI conversion lost. */
export interface Catalogue {
  source: string;
  enums: EnumDef[];
  entities: EntityDef[];
}
