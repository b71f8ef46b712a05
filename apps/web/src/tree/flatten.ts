import type { ProfileField } from '@flowline/contracts';

/** One visible row of a field tree. */
export interface TreeRow {
  /** Dotted path from the root, e.g. `Address.City`. */
  path: string;
  field: ProfileField;
  depth: number;
  hasChildren: boolean;
}

/**
 * The rows a tree shows: children of expanded fields; with a search word (or a keep predicate),
 * the matching fields and their ancestors, everything expanded.
 */
export function flattenFields(
  fields: ProfileField[],
  expanded: ReadonlySet<string>,
  word = '',
  keep?: (path: string) => boolean,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const filtering = word !== '' || keep !== undefined;
  const matches = (path: string, f: ProfileField) =>
    (!word || f.name.toLowerCase().includes(word) || (f.label?.toLowerCase().includes(word) ?? false)) &&
    (!keep || keep(path));
  const walk = (list: ProfileField[], prefix: string, depth: number): boolean => {
    let any = false;
    for (const f of list) {
      const path = prefix ? `${prefix}.${f.name}` : f.name;
      const children = f.fields ?? [];
      const at = rows.length;
      rows.push({ path, field: f, depth, hasChildren: children.length > 0 });
      let keepThis = !filtering || matches(path, f);
      if (children.length > 0 && (filtering || expanded.has(path))) {
        const childMatched = walk(children, path, depth + 1);
        keepThis ||= childMatched;
      }
      if (!keepThis) rows.length = at;
      any ||= keepThis;
    }
    return any;
  };
  walk(fields, '', 0);
  return rows;
}
