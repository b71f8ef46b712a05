import type { FieldRule, LoopRule, MapRule, ValueRef } from '@flowline/contracts';
import { converter } from './convert.js';
import { isEmpty, MappingError } from './errors.js';
import { builtinFunctions } from './functions/registry.js';
import type { FunctionDef } from './functions/types.js';
import { findField, parsePath, pathWriter } from './paths.js';
import type { RuleScope } from './scope.js';

/**
 * Generates one plain function for a whole map, for speed: V8 then sees monomorphic, inlinable code
 * instead of a tree of closures. Safety rule: the generated text is built ONLY from our own
 * keywords, variable names and numeric indexes. Every user value (paths, names, constants,
 * function ids, rule ids) lives in the `data` arrays and is read by index at run time, so no user
 * string can ever become code.
 */
export interface Generated {
  source: string;
  /** Values the generated code reads by index (the only link between user data and the code). */
  data: unknown[];
}

/** Error sink of generated code: which rule (by index), which step (-1: none). */
export interface Fault {
  rule: MapRule;
  scope: RuleScope;
  steps: { id: string; fn: string }[];
}

class Gen {
  readonly data: unknown[] = [];
  readonly index = new Map<unknown, string>();
  readonly faults: Fault[] = [];
  lines: string[] = [];
  /** Per-scope memo of pure step results: a step computed by one rule is reused by the next. */
  readonly memos: {
    keys: Map<string, { v: string; uses: { line: number; plain: string }[] }>;
    line: number;
  }[] = [];
  memoCount = 0;
  /** Per loop depth: the target names that get a slot in the output template (see `shape`). */
  readonly shapes: Set<string>[] = [];

  constructor(
    readonly functions: ReadonlyMap<string, FunctionDef>,
    readonly constants: Readonly<Record<string, unknown>>,
    readonly coerce: boolean,
  ) {}

  /** Registers a value and returns the name of the constant that holds it in the generated code. */
  val(v: unknown): string {
    let name = this.index.get(v);
    if (name === undefined) {
      this.data.push(v);
      name = `d${this.data.length - 1}`;
      this.index.set(v, name);
    }
    return name;
  }

  /** Opens a memo scope (the document, or one loop element): its variables are declared at `line`. */
  openMemo(): void {
    this.lines.push('');
    this.memos.push({ keys: new Map(), line: this.lines.length - 1 });
  }

  closeMemo(): void {
    const m = this.memos.pop()!;
    const vars: string[] = [];
    for (const { v, uses } of m.keys.values()) {
      if (uses.length > 1) vars.push(v);
      else for (const u of uses) this.lines[u.line] = u.plain; // used once: nothing to share
    }
    this.lines[m.line] = vars.length > 0 ? `let ${vars.map((v) => `${v} = M`).join(', ')};` : '';
  }

  /** Identity of a value reference for the memo (compiler-side only, never written into the code). */
  refKey(ref: ValueRef, steps: Map<string, string>): string {
    switch (ref.type) {
      case 'source':
        return `src:${ref.scope ?? 'current'}:${ref.path}`;
      case 'constant':
        try {
          return `k:${typeof ref.value}:${JSON.stringify(ref.value)}`;
        } catch {
          return `k:${this.val(ref.value)}`; // not JSON (a bigint): its identity
        }
      case 'mapConstant':
        return `mc:${ref.name}`;
      case 'variable':
        return `var:${ref.name}`;
      case 'step':
        return steps.get(ref.step) ?? `?${ref.step}`;
    }
  }

  /**
   * Inline read of a path from a frame (frames are always objects, see the loop). Inline, not a
   * helper: a shared helper's property load would see every name and go megamorphic.
   */
  read(base: string, segments: readonly string[]): string {
    const [first, ...rest] = segments;
    let expr = `${base}[${this.val(first)}]`;
    for (const seg of rest)
      expr = `(t = ${expr}, t !== null && typeof t === 'object' ? t[${this.val(seg)}] : undefined)`;
    return expr;
  }

  /** Expression reading a value reference at loop depth `depth` (frames are `c0` = document ... `cN`). */
  ref(ref: ValueRef, depth: number, steps: Map<string, number>): string {
    switch (ref.type) {
      case 'source': {
        const base =
          ref.scope === 'root'
            ? 'c0'
            : ref.scope === 'parent'
              ? depth > 0
                ? `c${depth - 1}`
                : 'U'
              : `c${depth}`;
        return this.read(base, parsePath(ref.path).segments);
      }
      case 'constant':
        return this.val(ref.value);
      case 'mapConstant':
        if (!Object.hasOwn(this.constants, ref.name))
          throw new MappingError(`unknown map constant '${ref.name}'`);
        return this.val(this.constants[ref.name]);
      case 'variable':
        return `r.vars[${this.val(ref.name)}]`;
      case 'step': {
        const i = steps.get(ref.step);
        if (i === undefined)
          throw new MappingError(`unknown step '${ref.step}' (a step may only read earlier steps)`);
        return `s${i}`;
      }
    }
  }

  /** Emits the steps of a rule as `s0..sN` and returns the step indexes by id. */
  steps(rule: MapRule, depth: number, fault: number): Map<string, number> {
    const ids = new Map<string, number>();
    const keys = new Map<string, string>();
    const memo = this.memos[this.memos.length - 1]!;
    for (const [i, step] of (rule.steps ?? []).entries()) {
      const def = this.functions.get(step.fn);
      if (!def) throw new MappingError(`unknown function '${step.fn}' in step '${step.id}'`);
      // Built-in functions never keep their `args` array, so each call site fills one array of its
      // own instead of allocating one per call (host functions get a fresh array).
      const argList = step.args.map((a) => this.ref(a, depth, ids));
      // Sized to every declared input: reading a left-out optional input stays in bounds (faster).
      const arr = this.val(
        Array.from({ length: Math.max(argList.length, def.inputs.length) }, () => undefined),
      );
      const call =
        builtinFunctions.get(def.id) === def
          ? `(${argList.map((a, k) => `${arr}[${k}] = ${a}, `).join('')}${this.val(def.impl)}(${arr}, env))`
          : `${this.val(def.impl)}([${argList.join(', ')}], env)`;
      const key = `${def.id}(${step.args.map((a) => this.refKey(a, keys)).join(',')})`;
      keys.set(step.id, key);
      if (def.pure === false) this.lines.push(`st = ${i}; const s${i} = ${call};`);
      else {
        // A pure step already computed in this scope is reused; one that threw is simply run again.
        let entry = memo.keys.get(key);
        if (entry === undefined) {
          entry = { v: `m${this.memoCount++}`, uses: [] };
          memo.keys.set(key, entry);
        }
        const v = entry.v;
        this.lines.push(`st = ${i}; const s${i} = ${v} !== M ? ${v} : (${v} = ${call});`);
        entry.uses.push({ line: this.lines.length - 1, plain: `st = ${i}; const s${i} = ${call};` });
      }
      ids.set(step.id, i);
      this.faults[fault]!.steps.push({ id: step.id, fn: def.id });
    }
    if (ids.size > 0) this.lines.push('st = -1;');
    return ids;
  }

  fault(rule: MapRule, scope: RuleScope): number {
    this.faults.push({ rule, scope, steps: [] });
    return this.faults.length - 1;
  }

  /**
   * Output objects start as a copy of a template holding every single-name target of the scope, so
   * V8 allocates them once at full size instead of growing them field by field. Each write counts;
   * when a field stayed unwritten, `S` copies the object without the undefined ones, so an output
   * never shows a field no rule wrote. Returns the template's variable name and its size.
   */
  shape(rules: readonly MapRule[], depth: number): { template: string; size: number } {
    const count = new Map<string, number>();
    for (const r of rules) {
      const { segments } = parsePath(r.target);
      if (segments.length === 1 && segments[0] !== '__proto__')
        count.set(segments[0]!, (count.get(segments[0]!) ?? 0) + 1);
    }
    const keys = [...count].filter(([, n]) => n === 1).map(([k]) => k);
    this.shapes[depth] = new Set(keys);
    // JSON.parse builds a compact object (data, not code). Each field then holds a number, null and
    // undefined in turn, so V8 settles every field on its general representation now: the values
    // written later (text, numbers, null) never change the shape of the copies (measured 9x).
    const json = JSON.stringify(Object.fromEntries(keys.map((k) => [k, 0])));
    const template: Record<string, unknown> = JSON.parse(json);
    for (const k of keys) template[k] = null;
    for (const k of keys) template[k] = undefined;
    return { template: this.val(template), size: keys.length };
  }

  /** A write to a target name of the scope, counted when the name has a template slot. */
  put(depth: number, name: string, value: string): string {
    const counted = this.shapes[depth]?.has(name);
    return counted
      ? `{ o${depth}[${this.val(name)}] = ${value}; w${depth}++; }`
      : `o${depth}[${this.val(name)}] = ${value};`;
  }

  rules(rules: readonly MapRule[], scope: RuleScope, depth: number): void {
    for (const rule of rules) {
      if (rule.kind === 'loop') this.loop(rule, scope, depth);
      else this.field(rule, scope, depth);
    }
  }

  field(rule: FieldRule, scope: RuleScope, depth: number): void {
    const f = this.fault(rule, scope);
    const { segments } = parsePath(rule.target);
    const field = findField(scope.target, segments);
    const conv = this.coerce && field && !field.collection ? converter(field) : undefined;
    const write = (v: string): string =>
      segments.length === 1
        ? this.put(depth, segments[0]!, v)
        : `${this.val(pathWriter(segments))}(o${depth}, ${v});`;
    // A constant rule needs no run-time work: converted once here (a failure is left to run time).
    if (
      !rule.steps?.length &&
      !rule.condition &&
      rule.value.type === 'constant' &&
      !isEmpty(rule.value.value)
    ) {
      try {
        this.lines.push(write(this.val(conv ? conv(rule.value.value) : rule.value.value)));
        return;
      } catch {
        // falls through to the general form, which reports the error per document
      }
    }
    this.lines.push('try {');
    const steps = this.steps(rule, depth, f);
    if (rule.condition) this.lines.push(`if (T(${this.ref(rule.condition, depth, steps)})) {`);
    this.lines.push(`let v = ${this.ref(rule.value, depth, steps)};`);
    if (rule.default !== undefined) {
      this.lines.push(`if (v === undefined || v === null || v === '') v = ${this.val(rule.default)};`);
    }
    // A step whose function is declared to return the field's kind needs no check (a default still
    // does; enums always check their members).
    const ref = rule.value;
    const last = ref.type === 'step' ? rule.steps?.find((x) => x.id === ref.step) : undefined;
    const trusted =
      last !== undefined &&
      rule.default === undefined &&
      field?.kind !== 'enum' &&
      this.functions.get(last.fn)?.output === field?.kind;
    const value = conv && !trusted ? this.guard(field!.kind, this.val(conv)) : 'v';
    this.lines.push(`if (v !== undefined) ${write(value)}`);
    if (rule.condition) this.lines.push('}');
    this.lines.push(`} catch (e) { E(${f}, e, r, st); }`);
  }

  /** Inline type check before the converter call: most values already have the target's JSON type. */
  guard(kind: string, conv: string): string {
    if (kind === 'string') return `typeof v === 'string' ? v : ${conv}(v)`;
    if (kind === 'decimal' || kind === 'number')
      return `typeof v === 'number' && v - v === 0 ? v : ${conv}(v)`;
    if (kind === 'boolean') return `typeof v === 'boolean' ? v : ${conv}(v)`;
    return `${conv}(v)`;
  }

  loop(rule: LoopRule, scope: RuleScope, depth: number): void {
    const f = this.fault(rule, scope);
    const src = parsePath(rule.source).segments;
    const tgt = parsePath(rule.target).segments;
    const inner: RuleScope = {
      source: findField(scope.source, src)?.fields,
      target: findField(scope.target, tgt)?.fields,
      parent: scope,
      loops: [...scope.loops, rule.target],
      sourceLoops: [...scope.sourceLoops, rule.source],
    };
    const innerFault = this.fault({ ...rule, target: '' } as LoopRule, inner);
    const d = depth + 1;
    const list = this.read(`c${depth}`, src);
    this.lines.push(`{ const l${d} = ${list};`);
    this.lines.push(`if (l${d} !== undefined && l${d} !== null) {`);
    this.lines.push(`if (!Array.isArray(l${d})) N(${f}, l${d}, r); else {`);
    this.lines.push(`const a${d} = []; const p${d} = env.position;`);
    this.lines.push(`for (let i${d} = 0; i${d} < l${d}.length; i${d}++) {`);
    // A primitive element reads as an empty object, so every frame is an object.
    this.lines.push(`let c${d} = l${d}[i${d}]; if (c${d} === null || typeof c${d} !== 'object') c${d} = U;`);
    this.lines.push(`r.idx[${depth}] = a${d}.length; env.position = i${d} + 1;`);
    this.openMemo();
    if (rule.condition || rule.steps?.length) {
      this.lines.push('try {');
      const steps = this.steps(rule, d, innerFault);
      if (rule.condition) this.lines.push(`if (!T(${this.ref(rule.condition, d, steps)})) continue;`);
      this.lines.push(`} catch (e) { E(${innerFault}, e, r, st); continue; }`);
    }
    const shape = this.shape(rule.rules, d);
    this.lines.push(`let o${d} = { ...${shape.template} }; let w${d} = 0;`);
    this.rules(rule.rules, inner, d);
    this.closeMemo();
    this.lines.push(`if (w${d} !== ${shape.size}) o${d} = S(o${d});`);
    this.lines.push(`a${d}.push(o${d}); }`);
    this.lines.push(`env.position = p${d}; r.idx.length = ${depth};`);
    const write =
      tgt.length === 1
        ? this.put(depth, tgt[0]!, `a${d}`)
        : `${this.val(pathWriter(tgt))}(o${depth}, a${d});`;
    this.lines.push(`${write} } } }`);
  }
}

/** Generates the source and data of a map's fast function (see the safety rule above). */
export function generate(
  rules: readonly MapRule[],
  scope: RuleScope,
  functions: ReadonlyMap<string, FunctionDef>,
  constants: Readonly<Record<string, unknown>>,
  coerce: boolean,
): Generated & { faults: Fault[] } {
  const g = new Gen(functions, constants, coerce);
  g.openMemo();
  const shape = g.shape(rules, 0);
  g.rules(rules, scope, 0);
  g.closeMemo();
  const head = g.data.map((_, i) => `d${i} = D[${i}]`);
  const source = [
    `const ${head.length > 0 ? `${head.join(', ')}, ` : ''}_ = 0;`,
    'return function run(c0, r) {',
    `const env = r.env; let st = -1; let t; let o0 = { ...${shape.template} }; let w0 = 0;`,
    ...g.lines,
    `if (w0 !== ${shape.size}) o0 = S(o0);`,
    'return o0;',
    '};',
  ].join('\n');
  return { source, data: g.data, faults: g.faults };
}
