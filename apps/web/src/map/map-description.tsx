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
  if (r.kind === 'loop')
    return `For each ${r.source} write one ${r.target} (${r.rules.length} rules inside).`;
  const d = r.default === undefined ? '' : `, or ${JSON.stringify(r.default)} when empty`;
  return `${r.target} ← ${describeValue(r.value, r)}${d}`;
}
