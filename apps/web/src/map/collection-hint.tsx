import type { MapDefinition } from '@flowline/contracts';
import { addLoop, collectionPaths, enclosingCollection } from './map-loops.js';

/**
 * Shown instead of the rule inspector for a target collection or a field inside one: those are
 * written by a loop rule, one element per source element, never by a plain field rule.
 */
export function CollectionHint({
  map,
  target,
  onChange,
}: {
  map: MapDefinition;
  target: string;
  onChange: (m: MapDefinition) => void;
}) {
  const collection = enclosingCollection(map.target.profile?.fields, target);
  if (!collection) return null;
  const name = collection.slice(0, -2);
  const at = map.rules.findIndex((r) => r.kind === 'loop' && r.target === collection);
  const sources = collectionPaths(map.source.profile?.fields);
  const source = sources.includes(collection) ? collection : sources[0];
  return (
    <section aria-labelledby="collection-hint-title" className="panel">
      <h2 id="collection-hint-title">{target}</h2>
      <p>
        {target === name ? `${name} is a collection` : `${target} sits in the collection ${name}`}: a loop
        rule writes one element per source element.
      </p>
      {at >= 0 ? (
        <p className="hint">
          Loop {map.rules.slice(0, at + 1).filter((r) => r.kind === 'loop').length} writes it: edit it under
          Loop rules.
        </p>
      ) : (
        <button
          type="button"
          disabled={!source}
          title={source ? undefined : 'The source profile has no collection to loop over.'}
          onClick={() => source && onChange(addLoop(map, source, collection))}
        >
          Add a loop rule for {name}
        </button>
      )}
    </section>
  );
}
