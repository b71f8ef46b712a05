import type { FieldRule, LoopRule, MapDefinition, MapRule, Profile, ProfileField } from '@flowline/contracts';
import { compatibility } from './kinds.js';
import { parsePath } from './paths.js';
import { nameSimilarity, normaliseName } from './similarity.js';

/** How a proposal's names matched. */
export type MatchKind = 'exact' | 'case-insensitive' | 'similar';

/** One proposed rule: never replaces an existing rule; apply it with `applyProposals`. */
export interface AutoMapProposal {
  /** The rule to add (a field rule, or a loop rule with its own proposed field rules). */
  rule: MapRule;
  /** Full target and source paths, loops included (`SalesOrderLines[].ItemNumber`). */
  target: string;
  source: string;
  match: MatchKind;
  /** In [0,1]: 1 for the same name, lower for case differences, similar names and conversions. */
  confidence: number;
  /** Whether the value needs a conversion to the target's Edm kind. */
  conversion: boolean;
  /** Id of the existing loop rule the proposal goes into (undefined: top level or inside a new loop). */
  within?: string;
}

export interface AutoMapOptions {
  /** Profiles to map between (default: the snapshots in the map). */
  profiles?: { source?: Profile; target?: Profile };
  /** Proposals below this confidence are left out (default 0.6). */
  minConfidence?: number;
}

const SCORE = {
  exact: 1,
  'case-insensitive': 0.95,
  normalised: 0.9,
  similar: 0.85,
  conversion: 0.9,
} as const;

function score(
  target: ProfileField,
  source: ProfileField,
): { match: MatchKind; confidence: number } | undefined {
  if (target.name === source.name) return { match: 'exact', confidence: SCORE.exact };
  if (target.name.toLowerCase() === source.name.toLowerCase())
    return { match: 'case-insensitive', confidence: SCORE['case-insensitive'] };
  if (normaliseName(target.name) === normaliseName(source.name))
    return { match: 'similar', confidence: SCORE.normalised };
  return { match: 'similar', confidence: SCORE.similar * nameSimilarity(target.name, source.name) };
}

/** A field a rule can write: not read-only, a scalar or a collection (loops), not a single navigation. */
const writable = (f: ProfileField): boolean =>
  !f.readOnly && (f.collection === true || (f.kind !== 'navigation' && f.kind !== 'complex'));

class Proposer {
  readonly out: AutoMapProposal[] = [];
  constructor(
    readonly ids: Set<string>,
    readonly min: number,
  ) {}

  id(target: string): string {
    const base = `auto-${target.replace(/\[\]/g, '').replace(/[^A-Za-z0-9]+/g, '-')}`;
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}-${n}`;
    this.ids.add(id);
    return id;
  }

  /** Proposals for one scope; `existing` are the rules already there (never touched). */
  scope(
    sources: readonly ProfileField[],
    targets: readonly ProfileField[],
    existing: readonly MapRule[],
    prefix: { target: string; source: string },
    within: string | undefined,
  ): AutoMapProposal[] {
    const mapped = new Set(existing.map((r) => parsePath(r.target).segments[0]));
    const candidates: {
      t: ProfileField;
      s: ProfileField;
      match: MatchKind;
      confidence: number;
      conversion: boolean;
    }[] = [];
    // An exact name match is the answer for its target: the costly similar-name scoring is skipped.
    const byName = new Map(sources.map((s) => [s.name, s]));
    for (const t of targets) {
      if (mapped.has(t.name) || !writable(t)) continue;
      const same = byName.get(t.name);
      const exact =
        same &&
        Boolean(same.collection) === Boolean(t.collection) &&
        (t.collection || compatibility(same.kind, t.kind) === 'same');
      for (const s of exact ? [same] : sources) {
        if (Boolean(s.collection) !== Boolean(t.collection)) continue;
        const sc = score(t, s);
        if (!sc) continue;
        const c = t.collection ? 'same' : compatibility(s.kind, t.kind);
        if (c === 'none') continue;
        const confidence =
          Math.round(sc.confidence * (c === 'conversion' ? SCORE.conversion : 1) * 100) / 100;
        if (confidence >= this.min)
          candidates.push({ t, s, match: sc.match, confidence, conversion: c === 'conversion' });
      }
    }
    // Best pairs first; each target and each source is used once. Ties keep profile order (stable sort).
    candidates.sort((a, b) => b.confidence - a.confidence);
    const usedT = new Set<string>();
    const usedS = new Set<string>();
    const found: AutoMapProposal[] = [];
    for (const c of candidates) {
      if (usedT.has(c.t.name) || usedS.has(c.s.name)) continue;
      usedT.add(c.t.name);
      usedS.add(c.s.name);
      const target = prefix.target + c.t.name;
      const source = prefix.source + c.s.name;
      let rule: MapRule;
      if (c.t.collection) {
        const inner = this.scope(
          c.s.fields ?? [],
          c.t.fields ?? [],
          [],
          { target: `${target}[].`, source: `${source}[].` },
          undefined,
        );
        if (inner.length === 0) continue;
        rule = {
          id: this.id(target),
          kind: 'loop',
          source: `${c.s.name}[]`,
          target: `${c.t.name}[]`,
          rules: inner.map((p) => p.rule),
        };
      } else {
        rule = {
          id: this.id(target),
          kind: 'field',
          target: c.t.name,
          value: { type: 'source', path: c.s.name },
        } satisfies FieldRule;
      }
      found.push({
        rule,
        target,
        source,
        match: c.match,
        confidence: c.confidence,
        conversion: c.conversion,
        ...(within ? { within } : {}),
      });
    }
    // Existing loops get proposals for their unmapped fields.
    for (const r of existing) {
      if (r.kind !== 'loop') continue;
      const s = sources.find((f) => f.name === parsePath(r.source).segments[0]);
      const t = targets.find((f) => f.name === parsePath(r.target).segments[0]);
      if (!s || !t) continue;
      found.push(
        ...this.scope(
          s.fields ?? [],
          t.fields ?? [],
          r.rules,
          { target: `${prefix.target}${r.target}.`, source: `${prefix.source}${r.source}.` },
          r.id,
        ),
      );
    }
    return found;
  }
}

function collectIds(rules: readonly MapRule[], into: Set<string>): Set<string> {
  for (const r of rules) {
    into.add(r.id);
    if (r.kind === 'loop') collectIds(r.rules, into);
  }
  return into;
}

/**
 * Proposes rules by field name: exact, case-insensitive, then similar names, with a confidence.
 * Targets that already have a rule are left alone; kinds that cannot convert are not proposed.
 */
export function proposeRules(map: MapDefinition, options: AutoMapOptions = {}): AutoMapProposal[] {
  const source = options.profiles?.source ?? map.source.profile;
  const target = options.profiles?.target ?? map.target.profile;
  if (!source || !target) return [];
  const p = new Proposer(collectIds(map.rules, new Set()), options.minConfidence ?? 0.6);
  return p.scope(source.fields, target.fields, map.rules, { target: '', source: '' }, undefined);
}

const hasTarget = (rules: readonly MapRule[], target: string): boolean =>
  rules.some((r) => r.target === target);

function addTo(rules: readonly MapRule[], loopId: string, rule: MapRule): MapRule[] {
  return rules.map((r) => {
    if (r.kind !== 'loop') return r;
    if (r.id === loopId)
      return hasTarget(r.rules, rule.target) ? r : ({ ...r, rules: [...r.rules, rule] } satisfies LoopRule);
    return { ...r, rules: addTo(r.rules, loopId, rule) };
  });
}

/**
 * Returns a new map with the proposals added (at or above `minConfidence`); the input map is not
 * changed, and a proposal whose target got a rule meanwhile is skipped.
 */
export function applyProposals(
  map: MapDefinition,
  proposals: readonly AutoMapProposal[],
  minConfidence = 0,
): MapDefinition {
  let rules = map.rules;
  const taken = collectIds(rules, new Set());
  for (const p of proposals) {
    if (p.confidence < minConfidence || taken.has(p.rule.id)) continue;
    if (!p.within && hasTarget(rules, p.rule.target)) continue;
    taken.add(p.rule.id);
    rules = p.within ? addTo(rules, p.within, p.rule) : [...rules, p.rule];
  }
  return { ...map, rules };
}
