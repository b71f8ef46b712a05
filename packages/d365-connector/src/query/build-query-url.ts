import type { Profile } from '../profile/profile-types.js';
import { checkPath, compileFilter, type Dialect } from './compile-filter.js';
import type { FilterNode } from './filter-ast.js';
import { type EntityKey, formatKey } from './format-key.js';
import { QueryBuildError } from './query-error.js';
import { encodePathSegment, encodeQueryPath, isIdentifier } from './url-encoding.js';

/** One first-level `$expand` item, with its nested `$select`. */
export interface ExpandItem {
  navigation: string;
  select?: string[];
}

export interface QueryOptions {
  key?: EntityKey;
  filter?: FilterNode;
  select?: string[];
  expand?: (string | ExpandItem)[];
  orderBy?: (string | { path: string; desc?: boolean })[];
  top?: number;
  skip?: number;
  count?: boolean;
  /** F&O: read every company the user can access (carried onto every page). */
  crossCompany?: boolean;
  dialect?: Dialect;
  /** Types the literals of the filter and key. */
  profile?: Profile;
}

function nonNegative(name: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new QueryBuildError(`${name} must be a non-negative integer, got ${value}`);
  return String(value);
}

/** Builds the URL of an entity set (or one entity) with its query options, every part encoded and checked. */
export function buildQueryUrl(serviceUrl: string, entitySet: string, options: QueryOptions = {}): string {
  if (!isIdentifier(entitySet)) throw new QueryBuildError(`"${entitySet}" is not a valid entity set name`);
  let url = `${serviceUrl.replace(/\/+$/, '')}/${encodePathSegment(entitySet)}`;
  if (options.key !== undefined) url += formatKey(options.key, options.profile);
  const params: string[] = [];
  // Values are encoded token by token as they are built.
  const add = (name: string, value: string) => params.push(`${name}=${value}`);
  const paths = (list: string[]) => list.map((x) => encodeQueryPath(checkPath(x))).join(',');
  if (options.filter) {
    const dialect = options.dialect ?? 'fno';
    add('$filter', compileFilter(options.filter, { dialect, profile: options.profile, forUrl: true }));
  }
  if (options.select?.length) add('$select', paths(options.select));
  if (options.expand?.length) {
    const items = options.expand.map((item) => {
      const e = typeof item === 'string' ? { navigation: item } : item;
      if (!isIdentifier(e.navigation)) {
        throw new QueryBuildError(
          `"${e.navigation}" is not a navigation property (only first-level $expand)`,
          e.navigation,
        );
      }
      const nav = encodeQueryPath(e.navigation);
      return e.select?.length ? `${nav}($select=${paths(e.select)})` : nav;
    });
    add('$expand', items.join(','));
  }
  if (options.orderBy?.length) {
    const items = options.orderBy.map((o) => {
      const { path, desc } = typeof o === 'string' ? { path: o, desc: false } : o;
      return `${encodeQueryPath(checkPath(path))}${desc ? '%20desc' : ''}`;
    });
    add('$orderby', items.join(','));
  }
  if (options.top !== undefined) add('$top', nonNegative('$top', options.top));
  if (options.skip !== undefined) add('$skip', nonNegative('$skip', options.skip));
  if (options.count) add('$count', 'true');
  if (options.crossCompany) add('cross-company', 'true');
  return params.length > 0 ? `${url}?${params.join('&')}` : url;
}
