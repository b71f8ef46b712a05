import type { FunctionStep } from '@flowline/contracts';
import {
  checkMapSchema,
  type FieldRule,
  type LoopRule,
  type MapDefinition,
  type MapRule,
  type Profile,
  type ProfileField,
  type ValueRef,
} from '@flowline/contracts';
import { arity, builtinFunctions } from './functions/registry.js';
import type { FunctionDef } from './functions/types.js';
import { compatibility, typeOfConstant, type ValueType } from './kinds.js';
import { parsePath } from './paths.js';
import { type RuleScope, rootScope, sourceFieldsOf, sourceLabel } from './scope.js';
import type { IssueCode, ValidationIssue, ValidationResult } from './validate-types.js';
import { checkConstant, checkFieldToField, checkTypes } from './validate-values.js';

export interface ValidateOptions {
  /** Profiles to check against (default: the snapshots in the map). */
  profiles?: { source?: Profile; target?: Profile };
  /** Extra functions besides the built-in library. */
  functions?: Iterable<FunctionDef>;
}

type Resolved =
  | { field: ProfileField }
  | { problem: 'unknown' | 'collection'; at: string }
  | { noProfile: true };

/** Walks a path through profile fields; a collection may only be the last name (loops cross collections). */
function resolve(fields: readonly ProfileField[] | undefined, path: string): Resolved {
  if (!fields) return { noProfile: true };
  let list: readonly ProfileField[] | undefined = fields;
  let field: ProfileField | undefined;
  const { segments } = parsePath(path);
  for (const [i, name] of segments.entries()) {
    field = list?.find((f) => f.name === name);
    if (!field) return { problem: 'unknown', at: segments.slice(0, i + 1).join('.') };
    if (field.collection && i < segments.length - 1)
      return { problem: 'collection', at: segments.slice(0, i + 1).join('.') };
    list = field.fields;
  }
  return { field: field! };
}

class Checker {
  readonly issues: ValidationIssue[] = [];
  readonly ids = new Set<string>();
  constructor(
    readonly map: MapDefinition,
    readonly functions: ReadonlyMap<string, FunctionDef>,
  ) {}

  add(
    severity: 'error' | 'warning',
    code: IssueCode,
    message: string,
    at: Partial<ValidationIssue> = {},
  ): void {
    this.issues.push({ severity, code, message, ...at });
  }

  rules(rules: readonly MapRule[], scope: RuleScope): void {
    const targets = new Map<string, string>();
    for (const rule of rules) {
      if (this.ids.has(rule.id))
        this.add('error', 'duplicate-rule-id', `rule id '${rule.id}' is used twice`, { ruleId: rule.id });
      this.ids.add(rule.id);
      const target = [...scope.loops, rule.target].join('.');
      const key = rule.target.replace(/\[\]$/, ''); // a loop and a field rule on one collection collide too
      const other = targets.get(key);
      if (other !== undefined) {
        this.add(
          'error',
          'duplicate-target',
          `target '${target}' has two inputs (rules '${other}' and '${rule.id}')`,
          {
            ruleId: rule.id,
            target,
          },
        );
      }
      targets.set(key, rule.id);
      if (rule.kind === 'loop') this.loop(rule, scope, target);
      else this.field(rule, scope, target);
    }
    this.mandatory(rules, scope);
  }

  /** Checks steps and returns the output types by step id. */
  steps(
    rule: MapRule,
    steps: readonly FunctionStep[] | undefined,
    scope: RuleScope,
    target: string,
  ): Map<string, ValueType> {
    const types = new Map<string, ValueType>();
    for (const step of steps ?? []) {
      const at = { ruleId: rule.id, target, step: step.id };
      const def = this.functions.get(step.fn);
      if (!def) {
        this.add('error', 'unknown-function', `step '${step.id}' uses unknown function '${step.fn}'`, at);
        types.set(step.id, 'any');
        continue;
      }
      const [min, max] = arity(def);
      if (step.args.length < min || step.args.length > max) {
        const want =
          max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
        this.add(
          'error',
          'function-arity',
          `${def.id} takes ${want} inputs, step '${step.id}' gives ${step.args.length}`,
          at,
        );
      }
      step.args.forEach((arg, i) => {
        const input = def.inputs[Math.min(i, def.inputs.length - 1)];
        const t = this.ref(arg, rule, scope, target, types);
        if (!input) return;
        const c = compatibility(t, input.type);
        const what = `input '${input.name}' of ${def.id} (step '${step.id}') gets ${t}`;
        if (c === 'none') this.add('error', 'function-type', `${what}; it takes ${input.type}`, at);
        else if (c === 'conversion')
          this.add('warning', 'function-type', `${what}; it is converted to ${input.type}`, at);
      });
      if (types.has(step.id)) this.add('error', 'unknown-step', `step id '${step.id}' is used twice`, at);
      types.set(step.id, def.output);
    }
    return types;
  }

  /** Checks a value reference and returns its static type. */
  ref(
    ref: ValueRef,
    rule: MapRule,
    scope: RuleScope,
    target: string,
    steps: Map<string, ValueType>,
  ): ValueType {
    const at = { ruleId: rule.id, target };
    switch (ref.type) {
      case 'source': {
        const r = resolve(sourceFieldsOf(scope, ref.scope), ref.path);
        const source = sourceLabel(scope, ref.path, ref.scope);
        if ('field' in r) return r.field.collection ? 'array' : r.field.kind;
        if ('problem' in r) {
          if (r.problem === 'collection') {
            this.add(
              'error',
              'collection-path',
              `source '${source}' goes through collection '${r.at}': map it with a loop`,
              {
                ...at,
                source,
              },
            );
          } else
            this.add('error', 'unknown-source', `source '${source}' is not in the source profile`, {
              ...at,
              source,
            });
        }
        return 'any';
      }
      case 'constant':
        return typeOfConstant(ref.value);
      case 'mapConstant':
        if (!Object.hasOwn(this.map.constants ?? {}, ref.name)) {
          this.add('error', 'unknown-constant', `map constant '${ref.name}' is not defined`, at);
          return 'any';
        }
        return typeOfConstant(this.map.constants?.[ref.name]);
      case 'step': {
        const t = steps.get(ref.step);
        if (t === undefined)
          this.add('error', 'unknown-step', `step '${ref.step}' is not an earlier step of the rule`, at);
        return t ?? 'any';
      }
      default:
        return 'any';
    }
  }

  field(rule: FieldRule, scope: RuleScope, target: string): void {
    const at = { ruleId: rule.id, target };
    const steps = this.steps(rule, rule.steps, scope, target);
    if (rule.condition) this.ref(rule.condition, rule, scope, target, steps);
    const type = this.ref(rule.value, rule, scope, target, steps);
    const r = resolve(scope.target, rule.target);
    if ('problem' in r) {
      if (r.problem === 'collection') {
        this.add(
          'error',
          'collection-path',
          `target '${target}' goes through collection '${r.at}': use a loop`,
          at,
        );
      } else this.add('error', 'unknown-target', `target '${target}' is not in the target profile`, at);
      return;
    }
    if (!('field' in r)) return;
    const tgt = r.field;
    if (tgt.readOnly) this.add('error', 'read-only', `target '${target}' is read-only`, at);
    const push = (
      list: Omit<ValidationIssue, 'ruleId' | 'target'>[],
      extra: Partial<ValidationIssue> = {},
    ) => {
      for (const i of list) this.issues.push({ ...i, ...at, ...extra });
    };
    const v = rule.value;
    if (v.type === 'constant' || v.type === 'mapConstant') {
      const value = v.type === 'constant' ? v.value : this.map.constants?.[v.name];
      push(checkConstant(value, tgt, `constant for '${target}'`));
    } else if (v.type === 'source') {
      const sr = resolve(sourceFieldsOf(scope, v.scope), v.path);
      const source = sourceLabel(scope, v.path, v.scope);
      if ('field' in sr && Boolean(sr.field.collection) !== Boolean(tgt.collection)) {
        const what = sr.field.collection
          ? `collection '${source}' cannot feed the single field`
          : `'${source}' cannot feed the collection`;
        this.add('error', 'incompatible-type', `${what} '${target}' (use a loop, or join/split)`, {
          ...at,
          source,
        });
      } else if ('field' in sr) push(checkFieldToField(sr.field, tgt, source), { source });
    } else {
      push(checkTypes(type, tgt, `the value for '${target}' (${type})`));
    }
    if (rule.default !== undefined) push(checkConstant(rule.default, tgt, `default for '${target}'`));
  }

  loop(rule: LoopRule, scope: RuleScope, target: string): void {
    const at = { ruleId: rule.id, target };
    const src = resolve(scope.source, rule.source.replace(/\[\]$/, ''));
    const tgt = resolve(scope.target, rule.target.replace(/\[\]$/, ''));
    const source = sourceLabel(scope, rule.source, 'current');
    if (!rule.source.endsWith('[]') || ('field' in src && !src.field.collection)) {
      this.add('error', 'loop-not-collection', `loop source '${source}' is not a collection`, {
        ...at,
        source,
      });
    }
    if (!rule.target.endsWith('[]') || ('field' in tgt && !tgt.field.collection)) {
      this.add('error', 'loop-not-collection', `loop target '${target}' is not a collection`, at);
    }
    if ('problem' in src)
      this.add('error', 'unknown-source', `source '${source}' is not in the source profile`, {
        ...at,
        source,
      });
    if ('problem' in tgt)
      this.add('error', 'unknown-target', `target '${target}' is not in the target profile`, at);
    if ('field' in tgt && tgt.field.readOnly)
      this.add('error', 'read-only', `target '${target}' is read-only`, at);
    const inner: RuleScope = {
      source: 'field' in src ? (src.field.fields ?? []) : undefined,
      target: 'field' in tgt ? (tgt.field.fields ?? []) : undefined,
      parent: scope,
      loops: [...scope.loops, rule.target],
      sourceLoops: [...scope.sourceLoops, rule.source],
    };
    const steps = this.steps(rule, rule.steps, inner, target);
    if (rule.condition) this.ref(rule.condition, rule, inner, target, steps);
    this.rules(rule.rules, inner);
  }

  /** Mandatory target fields of a scope that no rule feeds. */
  mandatory(rules: readonly MapRule[], scope: RuleScope): void {
    const mapped = new Set(rules.map((r) => parsePath(r.target).segments[0]));
    for (const f of scope.target ?? []) {
      if (f.mandatory && !f.readOnly && !mapped.has(f.name)) {
        const target = [...scope.loops, f.name].join('.');
        this.add('error', 'unmapped-mandatory', `mandatory target '${target}' has no rule`, { target });
      }
    }
  }
}

/** Checks a map against its schema and its profiles; every issue names the rule and paths at fault. */
export function validateMap(map: MapDefinition, options: ValidateOptions = {}): ValidationResult {
  const functions = new Map(builtinFunctions);
  for (const f of options.functions ?? []) functions.set(f.id, f);
  const checker = new Checker(map, functions);
  for (const message of checkMapSchema(map)) checker.add('error', 'schema', message);
  if (checker.issues.length > 0) return result(checker.issues);
  const source = options.profiles?.source ?? map.source.profile;
  const target = options.profiles?.target ?? map.target.profile;
  if (!source) checker.add('warning', 'no-profile', 'no source profile: source paths are not checked');
  if (!target) checker.add('warning', 'no-profile', 'no target profile: target paths are not checked');
  checker.rules(map.rules, rootScope(source, target));
  return result(checker.issues);
}

function result(issues: ValidationIssue[]): ValidationResult {
  const errors = issues.filter((i) => i.severity === 'error');
  return { valid: errors.length === 0, errors, warnings: issues.filter((i) => i.severity === 'warning') };
}

/**
 * Re-checks a map after its profiles were re-imported: the new snapshots replace the old ones in the
 * returned map (the input is not changed) and the result lists what the new profiles broke.
 */
export function revalidate(
  map: MapDefinition,
  profiles: { source?: Profile; target?: Profile },
  options: Omit<ValidateOptions, 'profiles'> = {},
): { map: MapDefinition; result: ValidationResult } {
  const next: MapDefinition = {
    ...map,
    source: profiles.source ? { ...map.source, profile: profiles.source } : map.source,
    target: profiles.target ? { ...map.target, profile: profiles.target } : map.target,
  };
  return { map: next, result: validateMap(next, options) };
}
