import type { FieldRule, LoopRule, MapDefinition, MapRule, ProfileField } from '@flowline/contracts';

/** Every rule id of a map, loops' inner rules included (ids must be unique across the whole map). */
function allIds(rules: readonly MapRule[], into = new Set<string>()): Set<string> {
  for (const r of rules) {
    into.add(r.id);
    if (r.kind === 'loop') allIds(r.rules, into);
  }
  return into;
}

/** Hands out rule ids no rule of the map uses (`l1`, `r7`...), each once. */
function idMaker(map: MapDefinition, prefix: 'r' | 'l'): () => string {
  const ids = allIds(map.rules);
  return () => {
    let i = 1;
    while (ids.has(`${prefix}${i}`)) i++;
    ids.add(`${prefix}${i}`);
    return `${prefix}${i}`;
  };
}

/** A rule id no rule of the map uses yet. */
export const freshRuleId = (map: MapDefinition, prefix: 'r' | 'l'): string => idMaker(map, prefix)();

/**
 * Collection fields a loop can walk, as loop paths (`SalesOrderLines[]`, `Address.Lines[]`): through
 * complex fields, never inside another collection (a nested loop reads those from its element).
 */
export function collectionPaths(fields: readonly ProfileField[] | undefined, prefix = ''): string[] {
  const out: string[] = [];
  for (const f of fields ?? []) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    if (f.collection) out.push(`${path}[]`);
    else if (f.fields?.length) out.push(...collectionPaths(f.fields, path));
  }
  return out;
}

/** The fields of one element of a collection named by a loop path. */
export function elementFields(fields: readonly ProfileField[] | undefined, loopPath: string): ProfileField[] {
  let list = fields;
  let found: ProfileField | undefined;
  for (const name of loopPath.replace(/\[\]$/, '').split('.')) {
    found = list?.find((f) => f.name === name);
    list = found?.fields;
  }
  return found?.fields ?? [];
}

/** Adds a loop rule over one collection of each profile. */
export function addLoop(map: MapDefinition, source: string, target: string): MapDefinition {
  const loop: LoopRule = { id: freshRuleId(map, 'l'), kind: 'loop', source, target, rules: [] };
  return { ...map, rules: [...map.rules, loop] };
}

/** Replaces the rule with `id`, wherever it sits (top level or inside loops). */
export function replaceRule(map: MapDefinition, id: string, next: MapRule): MapDefinition {
  const walk = (rules: readonly MapRule[]): MapRule[] =>
    rules.map((r) => (r.id === id ? next : r.kind === 'loop' ? { ...r, rules: walk(r.rules) } : r));
  return { ...map, rules: walk(map.rules) };
}

/** Removes the rule with `id`, wherever it sits. */
export function deleteRule(map: MapDefinition, id: string): MapDefinition {
  const walk = (rules: readonly MapRule[]): MapRule[] =>
    rules.filter((r) => r.id !== id).map((r) => (r.kind === 'loop' ? { ...r, rules: walk(r.rules) } : r));
  return { ...map, rules: walk(map.rules) };
}

/** Adds an empty field rule inside a loop, on the first element field no rule writes yet. */
export function addInnerRule(map: MapDefinition, loop: LoopRule): MapDefinition {
  const used = new Set(loop.rules.map((r) => r.target));
  const free = elementFields(map.target.profile?.fields, loop.target).find(
    (f) => !used.has(f.name) && !f.readOnly && f.kind !== 'navigation',
  );
  const rule: FieldRule = {
    id: freshRuleId(map, 'r'),
    kind: 'field',
    target: free?.name ?? 'field',
    value: { type: 'source', path: free?.name ?? 'field' },
  };
  return replaceRule(map, loop.id, { ...loop, rules: [...loop.rules, rule] });
}

/** Maps each writable element field of the loop's target to the source element field of the same name. */
export function autoMapLoop(map: MapDefinition, loop: LoopRule): MapDefinition {
  const sources = new Set(elementFields(map.source.profile?.fields, loop.source).map((f) => f.name));
  const used = new Set(loop.rules.map((r) => r.target));
  const id = idMaker(map, 'r');
  const added: FieldRule[] = [];
  for (const f of elementFields(map.target.profile?.fields, loop.target)) {
    if (used.has(f.name) || f.readOnly || f.kind === 'navigation' || !sources.has(f.name)) continue;
    added.push({ id: id(), kind: 'field', target: f.name, value: { type: 'source', path: f.name } });
  }
  return replaceRule(map, loop.id, { ...loop, rules: [...loop.rules, ...added] });
}

/** Tree paths (no `[]`) a loop writes, and the source paths it reads from its own element. */
export function loopPaths(loop: LoopRule, base = { target: '', source: '' }) {
  const target = [base.target, loop.target.replace(/\[\]$/, '')].filter(Boolean).join('.');
  const source = [base.source, loop.source.replace(/\[\]$/, '')].filter(Boolean).join('.');
  const targets = [target];
  const sources = [source];
  for (const r of loop.rules) {
    if (r.kind === 'loop') {
      const inner = loopPaths(r, { target, source });
      targets.push(...inner.targets);
      sources.push(...inner.sources);
      continue;
    }
    targets.push(`${target}.${r.target}`);
    const refs = [r.value, ...(r.steps ?? []).flatMap((s) => s.args)];
    for (const v of refs) {
      if (v.type !== 'source') continue;
      if (v.scope === 'root') sources.push(v.path);
      else if (v.scope === 'parent') sources.push([base.source, v.path].filter(Boolean).join('.'));
      else sources.push(`${source}.${v.path}`);
    }
  }
  return { targets, sources };
}

/** The loop path of the collection a tree path is, or sits in (`SalesOrderLines.ItemNumber` → `SalesOrderLines[]`). */
export function enclosingCollection(
  fields: readonly ProfileField[] | undefined,
  path: string,
): string | undefined {
  let list = fields;
  const names: string[] = [];
  for (const name of path.split('.')) {
    const f = list?.find((x) => x.name === name);
    if (!f) return undefined;
    names.push(name);
    if (f.collection) return `${names.join('.')}[]`;
    list = f.fields;
  }
  return undefined;
}
