import type { MapDefinition, MapRule } from '@flowline/contracts';
import { describeValue } from './map-rules.js';

/** What the map does, in words, one line per rule (read-only). */
export function MapDescription({ map }: { map: MapDefinition }) {
  return (
    <section aria-labelledby="map-words-title" className="panel">
      <h2 id="map-words-title">What this map does</h2>
      {map.rules.length === 0 ? (
        <p className="hint">Nothing yet: link a target field to a source field.</p>
      ) : (
        // Scrolls past a screenful: an auto-mapped entity has 300 rules.
        <ol aria-label="Map in words" className="map-words">
          {map.rules.map((r) => (
            <li key={r.id}>{words(r)}</li>
          ))}
        </ol>
      )}
      {map.constants && Object.keys(map.constants).length > 0 && (
        <p>
          Constants:{' '}
          {Object.entries(map.constants)
            .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
            .join('; ')}
        </p>
      )}
    </section>
  );
}

function words(r: MapRule): string {
  if (r.kind === 'loop') {
    const inner = r.rules.length === 0 ? ' with no rule inside' : `: ${r.rules.map(words).join('; ')}`;
    const where = r.condition ? ` where ${describeValue(r.condition)} is set` : '';
    return `For each ${r.source}${where} write one ${r.target}${inner}.`;
  }
  const d = r.default === undefined ? '' : `, or ${JSON.stringify(r.default)} when empty`;
  return `${r.target} ← ${describeValue(r.value, r)}${d}`;
}
