import type { FieldRule, MapDefinition, MapRule, ValueRef } from '@flowline/contracts';

/** The map body with every required member present (a new map component starts nearly empty). */
export function normalizeMap(body: Partial<MapDefinition>, name: string): MapDefinition {
  return {
    ...body,
    schemaVersion: 1,
    name: body.name ?? name,
    source: body.source ?? {},
    target: body.target ?? {},
    rules: body.rules ?? [],
  };
}

/** The top-level field rule writing `target`, if any. */
export const ruleFor = (map: MapDefinition, target: string): FieldRule | undefined =>
  map.rules.find((r): r is FieldRule => r.kind === 'field' && r.target === target);

/** Sets one field rule (one input per target field: an existing rule for the target is replaced). */
export function putRule(map: MapDefinition, rule: FieldRule): MapDefinition {
  const at = map.rules.findIndex((r) => r.kind === 'field' && r.target === rule.target);
  const rules = [...map.rules];
  if (at >= 0) rules[at] = rule;
  else rules.push(rule);
  return { ...map, rules };
}

export const removeRule = (map: MapDefinition, target: string): MapDefinition => ({
  ...map,
  rules: map.rules.filter((r) => !(r.kind === 'field' && r.target === target)),
});

/** Links a source field to a target field, keeping the rule id when the target was mapped. */
export function link(map: MapDefinition, target: string, source: string): MapDefinition {
  const old = ruleFor(map, target);
  return putRule(map, {
    id: old?.id ?? newRuleId(map),
    kind: 'field',
    target,
    value: { type: 'source', path: source },
    ...(old?.default !== undefined ? { default: old.default } : {}),
  });
}

/** A rule id unused anywhere in the map (loops' inner rules share the id space). */
export function newRuleId(map: MapDefinition): string {
  const ids = new Set<string>();
  const walk = (rules: readonly MapRule[]): void => {
    for (const r of rules) {
      ids.add(r.id);
      if (r.kind === 'loop') walk(r.rules);
    }
  };
  walk(map.rules);
  let i = map.rules.length + 1;
  while (ids.has(`r${i}`)) i++;
  return `r${i}`;
}

/** Source paths read by a rule (directly or through its function steps). */
export function sourcesOf(rule: MapRule): string[] {
  const refs: ValueRef[] = rule.kind === 'field' ? [rule.value] : [];
  for (const s of rule.steps ?? []) refs.push(...s.args);
  return refs.flatMap((r) => (r.type === 'source' ? [r.path] : []));
}

/** A value in words, for the read-only description and the rule list. */
export function describeValue(v: ValueRef, rule?: FieldRule): string {
  switch (v.type) {
    case 'source':
      return v.scope === 'parent' || v.scope === 'root' ? `${v.scope} ${v.path}` : v.path;
    case 'constant':
      return JSON.stringify(v.value);
    case 'mapConstant':
      return `constant ${v.name}`;
    case 'variable':
      return `variable ${v.name}`;
    case 'step': {
      const step = rule?.steps?.find((s) => s.id === v.step);
      return step
        ? `${step.fn}(${step.args.map((a) => describeValue(a, rule)).join(', ')})`
        : `step ${v.step}`;
    }
  }
}
