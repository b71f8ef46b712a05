import type { Profile, ProfileField } from '@flowline/contracts';

/** Where a rule sits: the profile fields visible to its paths, and the loops around it. */
export interface RuleScope {
  /** Source fields of the current element (undefined when no source profile is known). */
  source: readonly ProfileField[] | undefined;
  /** Target fields of the current element (undefined when no target profile is known). */
  target: readonly ProfileField[] | undefined;
  parent: RuleScope | undefined;
  /** Target paths of the enclosing loops, outermost first (for messages like `Lines[2].Amount`). */
  loops: readonly string[];
  /** Source collection paths of the enclosing loops, outermost first. */
  sourceLoops: readonly string[];
}

/** The top-level scope of a map over its two profiles. */
export function rootScope(source: Profile | undefined, target: Profile | undefined): RuleScope {
  return { source: source?.fields, target: target?.fields, parent: undefined, loops: [], sourceLoops: [] };
}

/** The source fields a `{ type: 'source', scope }` reference reads from. */
export function sourceFieldsOf(
  scope: RuleScope,
  which: 'current' | 'parent' | 'root' | undefined,
): readonly ProfileField[] | undefined {
  if (which === 'parent') return scope.parent?.source;
  if (which === 'root') {
    let s = scope;
    while (s.parent) s = s.parent;
    return s.source;
  }
  return scope.source;
}

/** Static description of a source reference for messages: `SalesOrderLines[].ItemNumber`, `/OrderNumber`. */
export function sourceLabel(
  scope: RuleScope,
  path: string,
  which: 'current' | 'parent' | 'root' | undefined,
): string {
  if (which === 'root') return path;
  const loops = which === 'parent' ? scope.sourceLoops.slice(0, -1) : scope.sourceLoops;
  return [...loops, path].join('.');
}
