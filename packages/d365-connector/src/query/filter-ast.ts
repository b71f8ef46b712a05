import type { LiteralValue } from './edm-literal.js';

/** Comparison operators every dialect knows. */
export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** A `$filter` expression as data: built with the functions below, compiled per dialect, never pasted. */
export type FilterNode =
  | { op: ComparisonOp; path: string; value: LiteralValue }
  | { op: 'and' | 'or'; args: FilterNode[] }
  | { op: 'not'; arg: FilterNode }
  | { op: 'contains' | 'startswith' | 'endswith'; path: string; value: string }
  | { op: 'in'; path: string; values: LiteralValue[] };

/** `path eq value` */
export const eq = (path: string, value: LiteralValue): FilterNode => ({ op: 'eq', path, value });
/** `path ne value` */
export const ne = (path: string, value: LiteralValue): FilterNode => ({ op: 'ne', path, value });
/** `path gt value` */
export const gt = (path: string, value: LiteralValue): FilterNode => ({ op: 'gt', path, value });
/** `path ge value` */
export const ge = (path: string, value: LiteralValue): FilterNode => ({ op: 'ge', path, value });
/** `path lt value` */
export const lt = (path: string, value: LiteralValue): FilterNode => ({ op: 'lt', path, value });
/** `path le value` */
export const le = (path: string, value: LiteralValue): FilterNode => ({ op: 'le', path, value });
/** All of the conditions. */
export const and = (...args: FilterNode[]): FilterNode => ({ op: 'and', args });
/** Any of the conditions. */
export const or = (...args: FilterNode[]): FilterNode => ({ op: 'or', args });
/** The negation of a condition. */
export const not = (arg: FilterNode): FilterNode => ({ op: 'not', arg });
/** The string property contains the text (F&O: wildcard `eq '*text*'`). */
export const contains = (path: string, value: string): FilterNode => ({ op: 'contains', path, value });
/** The string property starts with the text (F&O: wildcard `eq 'text*'`). */
export const startsWith = (path: string, value: string): FilterNode => ({ op: 'startswith', path, value });
/** The string property ends with the text (F&O: wildcard `eq '*text'`). */
export const endsWith = (path: string, value: string): FilterNode => ({ op: 'endswith', path, value });
/** The property equals one of the values (F&O: an `or` chain). */
export const isIn = (path: string, values: LiteralValue[]): FilterNode => ({ op: 'in', path, values });
