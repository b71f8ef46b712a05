import { type Entity, edmType, NS } from '../catalogue/model.js';
import type { PropertyDef } from '../catalogue/types.js';
import { badRequest } from './errors.js';
import type { FilterNode } from './filter-parser.js';

type Row = Record<string, unknown>;
type Getter = (row: Row) => unknown;
/** A compiled operand: how to read it and what Edm kind it has. */
interface Operand {
  get: Getter;
  prop?: PropertyDef;
  kind: string;
  enumType?: string;
  wildcard?: RegExp;
}

const OP_NAMES: Record<string, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

/** Options that make the simulator more permissive than F&O. */
export interface FilterOptions {
  allowStringFunctions?: boolean;
  /** Members of an enum type by its short name, to refuse unknown members. */
  enumMembers?: (name: string) => string[] | undefined;
}

const toMs = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);

function wildcard(pattern: string): RegExp | undefined {
  if (!pattern.includes('*')) return undefined;
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function compare(a: unknown, b: unknown, kind: string): number {
  if (a === null || a === undefined || b === null || b === undefined) return a === b ? 0 : a == null ? -1 : 1;
  if (kind === 'date') return toMs(a) - toMs(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return (a as number) - (b as number);
}

/** The Edm family an operand belongs to, for the type check OData does before evaluating. */
function family(o: Operand): { family: string; edm: string } | undefined {
  if (o.prop) {
    const t = o.prop.t;
    const fam =
      t === 'Int32' || t === 'Int64' || t === 'Decimal'
        ? 'number'
        : t === 'Date' || t === 'DateTime'
          ? 'date'
          : t === 'Enum'
            ? 'enum'
            : t;
    return { family: fam, edm: edmType(o.prop) };
  }
  if (o.kind === 'enumlit') return { family: 'enum', edm: o.enumType ?? '' };
  const edm: Record<string, string> = {
    String: 'Edm.String',
    number: 'Edm.Decimal',
    date: 'Edm.DateTimeOffset',
    guid: 'Edm.Guid',
    bool: 'Edm.Boolean',
  };
  const fam: Record<string, string> = {
    String: 'String',
    number: 'number',
    date: 'date',
    guid: 'Guid',
    bool: 'Boolean',
  };
  return edm[o.kind] ? { family: fam[o.kind]!, edm: edm[o.kind]! } : undefined;
}

/** Refuses comparisons of a property with a literal of another type (ODL's "incompatible types"). */
function checkTypes(op: string, l: Operand, r: Operand): void {
  const a = family(l);
  const b = family(r);
  if (!a || !b || (l.prop && r.prop) || a.family === b.family) return;
  throw badRequest(
    `A binary operator with incompatible types was detected. Found operand types '${a.edm}' and '${b.edm}' for operator kind '${OP_NAMES[op]}'.`,
  );
}

/** Compiles a `$filter` AST into a row predicate, refusing what F&O refuses. */
export function compileFilter(
  ast: FilterNode,
  entity: Entity,
  opts: FilterOptions = {},
): (row: Row) => boolean {
  const typeName = `${NS}.${entity.type}`;
  const operand = (n: FilterNode): Operand => {
    switch (n.k) {
      case 'prop': {
        const prop = entity.propMap.get(n.name);
        if (!prop) throw badRequest(`Could not find a property named '${n.name}' on type '${typeName}'.`);
        const kind =
          prop.t === 'Enum' ? 'enum' : prop.t === 'Date' || prop.t === 'DateTime' ? 'date' : prop.t;
        return { get: (r) => r[n.name], prop, kind, enumType: prop.e ? `${NS}.${prop.e}` : undefined };
      }
      case 'lit': {
        const lit = n.lit;
        if (lit.kind === 'null') return { get: () => null, kind: 'null' };
        if (lit.kind === 'enum') return { get: () => lit.value, kind: 'enumlit', enumType: lit.type };
        if (lit.kind === 'datetime') return { get: () => lit.value, kind: 'date' };
        if (lit.kind === 'string')
          return { get: () => lit.value, kind: 'String', wildcard: wildcard(lit.value) };
        return { get: () => lit.value, kind: lit.kind === 'number' ? 'number' : lit.kind };
      }
      case 'call':
        return call(n);
      case 'bin': {
        if (['add', 'sub', 'mul', 'div', 'divby', 'mod'].includes(n.op)) {
          const l = operand(n.l).get;
          const r = operand(n.r).get;
          const f = {
            add: (a: number, b: number) => a + b,
            sub: (a: number, b: number) => a - b,
            mul: (a: number, b: number) => a * b,
            div: (a: number, b: number) => a / b,
            divby: (a: number, b: number) => a / b,
            mod: (a: number, b: number) => a % b,
          }[n.op as 'add']!;
          return { get: (row) => f(l(row) as number, r(row) as number), kind: 'number' };
        }
        return { get: predicate(n), kind: 'Boolean' };
      }
      case 'not':
        return { get: predicate(n), kind: 'Boolean' };
    }
  };
  const call = (n: Extract<FilterNode, { k: 'call' }>): Operand => {
    const fns: Record<string, (s: string, x: string) => boolean> = {
      contains: (s, x) => s.toLowerCase().includes(x.toLowerCase()),
      startswith: (s, x) => s.toLowerCase().startsWith(x.toLowerCase()),
      endswith: (s, x) => s.toLowerCase().endsWith(x.toLowerCase()),
    };
    const fn = fns[n.name];
    if (!opts.allowStringFunctions || !fn || n.args.length !== 2) {
      throw badRequest(
        `An unknown function with name '${n.name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
      );
    }
    const a = operand(n.args[0]!).get;
    const b = operand(n.args[1]!).get;
    return { get: (r) => fn(String(a(r) ?? ''), String(b(r) ?? '')), kind: 'Boolean' };
  };
  const predicate = (n: FilterNode): Getter => {
    if (n.k === 'not') {
      const e = predicate(n.e);
      return (r) => !e(r);
    }
    if (n.k === 'bin' && (n.op === 'and' || n.op === 'or')) {
      const l = predicate(n.l);
      const r = predicate(n.r);
      return n.op === 'and' ? (row) => !!l(row) && !!r(row) : (row) => !!l(row) || !!r(row);
    }
    if (n.k === 'bin' && OP_NAMES[n.op]) return comparison(n.op, operand(n.l), operand(n.r));
    const o = operand(n);
    if (o.kind !== 'Boolean')
      throw badRequest(`The $filter expression must evaluate to a single boolean value.`);
    return o.get;
  };
  const comparison = (op: string, l: Operand, r: Operand): Getter => {
    const enumSide = l.kind === 'enum' ? l : r.kind === 'enum' ? r : undefined;
    if (enumSide) {
      const other = enumSide === l ? r : l;
      if (other.kind !== 'enumlit' && other.kind !== 'null' && other.kind !== 'enum') {
        throw badRequest(
          `A binary operator with incompatible types was detected. Found operand types '${enumSide.enumType}' and 'Edm.${other.kind === 'number' ? 'Int32' : other.kind}' for operator kind '${OP_NAMES[op]}'.`,
        );
      }
      if (op !== 'eq' && op !== 'ne') {
        throw badRequest(
          `Only 'eq' and 'ne' can compare enum values; '${op}' was used on '${enumSide.enumType}'.`,
        );
      }
      if (other.kind === 'enumlit') {
        if (other.enumType !== enumSide.enumType) {
          throw badRequest(
            `The enum literal type '${other.enumType}' does not match '${enumSide.enumType}'.`,
          );
        }
        const value = other.get({});
        const members = opts.enumMembers?.(enumSide.prop?.e ?? '');
        if (members && !members.includes(String(value))) {
          throw badRequest(`The string '${String(value)}' is not a valid enumeration type constant.`);
        }
      }
    }
    checkTypes(op, l, r);
    const kind = l.kind === 'date' || r.kind === 'date' ? 'date' : l.kind;
    const lg = l.get;
    const rg = r.get;
    const pattern = (op === 'eq' || op === 'ne') && l.prop ? r.wildcard : undefined;
    if (pattern) {
      // F&O's "contains": a wildcard inside eq, case-insensitive like its SQL collation.
      return op === 'eq'
        ? (row) => pattern.test(String(lg(row) ?? ''))
        : (row) => !pattern.test(String(lg(row) ?? ''));
    }
    switch (op) {
      case 'eq':
        return (row) => compare(lg(row), rg(row), kind) === 0;
      case 'ne':
        return (row) => compare(lg(row), rg(row), kind) !== 0;
      case 'gt':
        return (row) => compare(lg(row), rg(row), kind) > 0;
      case 'ge':
        return (row) => compare(lg(row), rg(row), kind) >= 0;
      case 'lt':
        return (row) => compare(lg(row), rg(row), kind) < 0;
      default:
        return (row) => compare(lg(row), rg(row), kind) <= 0;
    }
  };
  const pred = predicate(ast);
  return (row) => !!pred(row);
}
