import { badRequest } from './errors.js';
import { type Literal, readLiteral } from './literals.js';

/** A parsed `$filter` expression. */
export type FilterNode =
  | { k: 'lit'; lit: Literal }
  | { k: 'prop'; name: string }
  | { k: 'bin'; op: string; l: FilterNode; r: FilterNode }
  | { k: 'not'; e: FilterNode }
  | { k: 'call'; name: string; args: FilterNode[] };

type Token = { t: 'lit'; lit: Literal } | { t: 'id'; v: string } | { t: 'sym'; v: string };

const WORD_OPS = new Set([
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'and',
  'or',
  'not',
  'add',
  'sub',
  'mul',
  'div',
  'divby',
  'mod',
  'has',
  'in',
]);

const GUID_AHEAD = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'sym', v: c });
      i++;
      continue;
    }
    const id = /^[A-Za-z_]\w*/.exec(src.slice(i));
    // A GUID may start with a letter (`f2de7390-…`): a literal, not a property name.
    const lit =
      id &&
      !/^(true|false|null)$/.test(id[0]) &&
      src[i + id[0].length] !== '.' &&
      !GUID_AHEAD.test(src.slice(i))
        ? undefined
        : readLiteral(src, i);
    if (lit) {
      out.push({ t: 'lit', lit: lit.lit });
      i = lit.end;
      continue;
    }
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    throw badRequest(`Syntax error at position ${i} in '${src}'.`);
  }
  return out;
}

/** Parses an OData `$filter` into an AST; operators F&O does not support are refused later. */
export function parseFilter(src: string): FilterNode {
  const toks = tokenize(src);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const t = toks[pos];
    return t?.t === 'id' && WORD_OPS.has(t.v) ? t.v : undefined;
  };
  const binary = (next: () => FilterNode, ops: string[]): FilterNode => {
    let l = next();
    for (let op = peekWord(); op && ops.includes(op); op = peekWord()) {
      pos++;
      l = { k: 'bin', op, l, r: next() };
    }
    return l;
  };
  const primary = (): FilterNode => {
    const t = toks[pos++];
    if (!t) throw badRequest(`Expression expected at the end of '${src}'.`);
    if (t.t === 'lit') return { k: 'lit', lit: t.lit };
    if (t.t === 'sym' && t.v === '(') {
      const e = or();
      if (toks[pos]?.t !== 'sym' || (toks[pos] as { v: string }).v !== ')') {
        throw badRequest(`')' or operator expected at position ${pos} in '${src}'.`);
      }
      pos++;
      return e;
    }
    if (t.t === 'id') {
      const n = toks[pos];
      if (n?.t === 'sym' && n.v === '(') {
        pos++;
        const args: FilterNode[] = [];
        while (toks[pos] && !(toks[pos]?.t === 'sym' && (toks[pos] as { v: string }).v === ')')) {
          args.push(or());
          if (toks[pos]?.t === 'sym' && (toks[pos] as { v: string }).v === ',') pos++;
        }
        pos++;
        return { k: 'call', name: t.v, args };
      }
      return { k: 'prop', name: t.v };
    }
    throw badRequest(`Unexpected '${t.v}' in '${src}'.`);
  };
  const mul = (): FilterNode => binary(primary, ['mul', 'div', 'divby', 'mod']);
  const add = (): FilterNode => binary(mul, ['add', 'sub']);
  const cmp = (): FilterNode => {
    const l = add();
    const op = peekWord();
    if (op && ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has', 'in'].includes(op)) {
      pos++;
      if (op === 'in' || op === 'has') {
        throw badRequest(`The query operator '${op}' is not supported.`);
      }
      return { k: 'bin', op, l, r: add() };
    }
    return l;
  };
  const not = (): FilterNode => {
    if (peekWord() === 'not') {
      pos++;
      return { k: 'not', e: not() };
    }
    return cmp();
  };
  const and = (): FilterNode => binary(not, ['and']);
  const or = (): FilterNode => binary(and, ['or']);
  const ast = or();
  if (pos < toks.length) throw badRequest(`Syntax error at token ${pos + 1} in '${src}'.`);
  return ast;
}
