import type { LoopRule, MapDefinition } from '@flowline/contracts';
import type { ValidationIssue } from '@flowline/mapping';
import { useMemo } from 'react';
import { LoopRuleEditor } from './loop-rule-editor.js';
import { addLoop, collectionPaths } from './map-loops.js';

/** The map's loop rules: one target element per source element (sales order lines...), each editable. */
export function LoopRules({
  map,
  issues,
  onChange,
}: {
  map: MapDefinition;
  issues: ValidationIssue[];
  onChange: (m: MapDefinition) => void;
}) {
  const sources = useMemo(() => collectionPaths(map.source.profile?.fields), [map.source.profile]);
  const targets = useMemo(() => collectionPaths(map.target.profile?.fields), [map.target.profile]);
  const loops = map.rules.filter((r): r is LoopRule => r.kind === 'loop');
  const missing =
    sources.length === 0
      ? 'The source profile has no collection to loop over.'
      : targets.length === 0
        ? 'The target profile has no collection to write.'
        : undefined;
  const add = () => {
    // Start on a pair with the same name when there is one (SalesOrderLines → SalesOrderLines).
    const same = sources.find((s) => targets.includes(s));
    const source = same ?? sources[0];
    const target = same ?? targets[0];
    if (source && target) onChange(addLoop(map, source, target));
  };
  return (
    <section aria-labelledby="loops-title" className="panel">
      <h2 id="loops-title">Loop rules</h2>
      {loops.length === 0 && (
        <p className="status empty">
          No loop rule yet: a loop writes one target element per source element, e.g. per sales order line.
        </p>
      )}
      {loops.map((loop, i) => (
        <LoopRuleEditor
          key={loop.id}
          map={map}
          loop={loop}
          n={i + 1}
          sourceCollections={sources}
          targetCollections={targets}
          issues={issues}
          onChange={onChange}
        />
      ))}
      <button type="button" onClick={add} disabled={missing !== undefined} title={missing}>
        Add loop rule
      </button>
      {missing && map.source.profile && map.target.profile && <p className="hint">{missing}</p>}
    </section>
  );
}
