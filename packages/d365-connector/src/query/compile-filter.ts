import type { Profile, ProfileField } from '../profile/profile-types.js';
import { encodeLiteral, isTypedValue, type LiteralType, type LiteralValue } from './edm-literal.js';
import type { FilterNode } from './filter-ast.js';
import { QueryBuildError } from './query-error.js';
import { encodeQueryPath, encodeQueryValue, isIdentifier } from './url-encoding.js';

/** `fno`: what Dynamics 365 F&O accepts; `odata`: standard OData 4.0 functions. */
export type Dialect = 'fno' | 'odata';

export interface CompileOptions {
  dialect?: Dialect;
  /** Percent-encode for a URL: literals and paths encoded token by token (`/` stays a path separator). */
  forUrl?: boolean;
  /** Types literals by the profile's Edm types and lets the F&O dialect refuse enum ordering. */
  profile?: Profile;
}

/** Checks a property path (`Name` or `Nav/Name`) segment by segment. */
export function checkPath(path: string): string {
  for (const segment of path.split('/')) {
    if (!isIdentifier(segment)) throw new QueryBuildError(`"${path}" is not a valid property path`, path);
  }
  return path;
}

/** Finds the field of a path in a profile, through one level of navigation or complex fields. */
function fieldAt(profile: Profile | undefined, path: string): ProfileField | undefined {
  let fields = profile?.fields;
  let field: ProfileField | undefined;
  for (const segment of path.split('/')) {
    field = fields?.find((f) => f.name === segment);
    fields = field?.fields;
  }
  return field;
}

function literalType(field: ProfileField | undefined): LiteralType | undefined {
  if (!field) return undefined;
  return field.kind === 'enum'
    ? { edmType: field.edmType, enumType: field.edmType }
    : { edmType: field.edmType };
}

function isEnum(field: ProfileField | undefined, value: LiteralValue): boolean {
  return field?.kind === 'enum' || (isTypedValue(value) && value.$edm === 'enum');
}

/** Compiles a filter AST to the text of `$filter` (not yet percent-encoded). */
export function compileFilter(node: FilterNode, options: CompileOptions = {}): string {
  const dialect = options.dialect ?? 'fno';
  const url = options.forUrl === true;
  const sp = url ? '%20' : ' ';
  const enc = (text: string) => (url ? encodeQueryValue(text) : text);
  const p = (path: string) => (url ? encodeQueryPath(checkPath(path)) : checkPath(path));
  const lit = (path: string, value: LiteralValue) =>
    enc(encodeLiteral(value, literalType(fieldAt(options.profile, path)), path));
  const walk = (n: FilterNode, nested: boolean): string => {
    switch (n.op) {
      case 'and':
      case 'or': {
        if (n.args.length === 0) throw new QueryBuildError(`"${n.op}" needs at least one condition`);
        if (n.args.length === 1) return walk(n.args[0]!, nested);
        const text = n.args.map((a) => walk(a, true)).join(`${sp}${n.op}${sp}`);
        return nested ? `(${text})` : text;
      }
      case 'not':
        return `not${sp}(${walk(n.arg, false)})`;
      case 'in': {
        if (n.values.length === 0)
          throw new QueryBuildError(`"in" on ${n.path} needs at least one value`, n.path);
        if (dialect === 'odata')
          return `${p(n.path)}${sp}in${sp}(${n.values.map((v) => lit(n.path, v)).join(',')})`;
        // F&O has no `in`: an `or` chain.
        return walk({ op: 'or', args: n.values.map((value) => ({ op: 'eq', path: n.path, value })) }, nested);
      }
      case 'contains':
      case 'startswith':
      case 'endswith': {
        if (dialect === 'odata') return `${n.op}(${p(n.path)},${lit(n.path, n.value)})`;
        if (n.value.includes('*')) {
          throw new QueryBuildError(
            `F&O wildcards cannot match a literal "*" (${n.op} on ${n.path})`,
            n.path,
          );
        }
        const pattern =
          n.op === 'contains' ? `*${n.value}*` : n.op === 'startswith' ? `${n.value}*` : `*${n.value}`;
        return `${p(n.path)}${sp}eq${sp}${enc(encodeLiteral(pattern, { edmType: 'Edm.String' }, n.path))}`;
      }
      default: {
        const field = fieldAt(options.profile, checkPath(n.path));
        if (dialect === 'fno' && n.op !== 'eq' && n.op !== 'ne' && isEnum(field, n.value)) {
          throw new QueryBuildError(
            `F&O allows only eq and ne on the enum field ${n.path}, not ${n.op}`,
            n.path,
          );
        }
        if (
          dialect === 'fno' &&
          typeof n.value === 'string' &&
          n.value.includes('*') &&
          field?.kind !== 'enum'
        ) {
          // F&O reads * in a compared string as a wildcard and has no escape for it.
          throw new QueryBuildError(`F&O would read "*" in the value for ${n.path} as a wildcard`, n.path);
        }
        return `${p(n.path)}${sp}${n.op}${sp}${lit(n.path, n.value)}`;
      }
    }
  };
  return walk(node, false);
}
