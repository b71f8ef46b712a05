import { type Entity, type Model, NS } from '../catalogue/model.js';
import type { NavigationDef } from '../catalogue/types.js';
import { badRequest } from './errors.js';
import { compileFilter, type FilterOptions } from './filter-eval.js';
import { parseFilter } from './filter-parser.js';

type Row = Record<string, unknown>;

/** An `$expand` item: first level only, with an optional nested `$select`. */
export interface ExpandItem {
  nav: NavigationDef;
  target: Entity;
  select?: string[];
}

/** Query options of a request, validated against the entity. */
export interface QueryOptions {
  filter?: (row: Row) => boolean;
  select?: string[];
  expand: ExpandItem[];
  orderby: { prop: string; desc: boolean }[];
  top?: number;
  skip: number;
  count: boolean;
  crossCompany: boolean;
}

const KNOWN = new Set([
  '$filter',
  '$select',
  '$expand',
  '$orderby',
  '$top',
  '$skip',
  '$count',
  '$format',
  'cross-company',
]);

/** Splits on commas outside parentheses. */
export function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function selectList(entity: Entity, raw: string, allowNav: boolean): string[] | undefined {
  const names = splitTop(raw);
  if (names.includes('*')) return undefined;
  for (const n of names) {
    const nav = entity.navs?.some((x) => x.n === n);
    if (!entity.propMap.has(n) && !(allowNav && nav)) {
      throw badRequest(`Could not find a property named '${n}' on type '${NS}.${entity.type}'.`);
    }
  }
  return names;
}

function nonNegative(name: string, raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw))
    throw badRequest(
      `Invalid value '${raw}' for $${name} query option found. The $${name} query option requires a non-negative integer value.`,
    );
  return Number(raw);
}

/** Parses and validates the query options F&O documents; anything else is refused. */
export function parseQuery(
  model: Model,
  entity: Entity,
  params: URLSearchParams,
  opts: FilterOptions,
): QueryOptions {
  for (const k of params.keys()) {
    if (k.startsWith('$') && !KNOWN.has(k)) throw badRequest(`The query parameter '${k}' is not supported.`);
  }
  const q: QueryOptions = {
    expand: [],
    orderby: [],
    skip: nonNegative('skip', params.get('$skip')) ?? 0,
    top: nonNegative('top', params.get('$top')),
    count: params.get('$count') === 'true',
    crossCompany: params.get('cross-company')?.toLowerCase() === 'true',
  };
  const count = params.get('$count');
  if (count !== null && count !== 'true' && count !== 'false') {
    throw badRequest(`'${count}' is not a valid count option; $count must be true or false.`);
  }
  const filter = params.get('$filter');
  if (filter) q.filter = compileFilter(parseFilter(filter), entity, opts);
  const select = params.get('$select');
  if (select) q.select = selectList(entity, select, true);
  const expand = params.get('$expand');
  if (expand) {
    for (const item of splitTop(expand)) {
      const m = /^(\w+)(?:\((.*)\))?$/.exec(item);
      const nav = m && entity.navs?.find((n) => n.n === m[1]);
      if (!m || !nav)
        throw badRequest(
          `Could not find a property named '${m?.[1] ?? item}' on type '${NS}.${entity.type}'.`,
        );
      const target = model.byType.get(nav.to)!;
      const x: ExpandItem = { nav, target };
      for (const opt of m[2] ? m[2].split(';') : []) {
        const [k, v = ''] = opt.split('=');
        if (k === '$select') x.select = selectList(target, v, false);
        else if (k === '$expand') {
          throw badRequest(
            "The request includes a $expand path which is too deep. The maximum depth allowed is 1. To increase the limit, set the 'MaxExpansionDepth' property on EnableQueryAttribute or ODataValidationSettings.",
          );
        } else throw badRequest(`The query option '${k}' is not supported inside $expand on '${nav.n}'.`);
      }
      q.expand.push(x);
    }
  }
  const orderby = params.get('$orderby');
  if (orderby) {
    for (const part of splitTop(orderby)) {
      const [prop = '', dir = 'asc'] = part.split(/\s+/);
      if (!entity.propMap.has(prop))
        throw badRequest(`Could not find a property named '${prop}' on type '${NS}.${entity.type}'.`);
      if (dir !== 'asc' && dir !== 'desc')
        throw badRequest(`Invalid $orderby direction '${dir}' for '${prop}'.`);
      q.orderby.push({ prop, desc: dir === 'desc' });
    }
  }
  return q;
}

/** Sorts a copy of rows by $orderby (strings case-insensitive, like F&O's SQL collation). */
export function sortRows<T extends { values: Row }>(rows: T[], orderby: QueryOptions['orderby']): T[] {
  if (orderby.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { prop, desc } of orderby) {
      let x = a.values[prop];
      let y = b.values[prop];
      if (typeof x === 'string') x = x.toLowerCase();
      if (typeof y === 'string') y = y.toLowerCase();
      if (x === y) continue;
      const c = (x as number) < (y as number) ? -1 : 1;
      return desc ? -c : c;
    }
    return 0;
  });
}
