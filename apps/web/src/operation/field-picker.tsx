import type { ProfileField } from '@flowline/contracts';
import { useState } from 'react';
import { KindIcon } from './kind-icon.js';

/** Pick the fields to read ($select), with search and select-all over what the search shows. */
export function FieldPicker({
  fields,
  selected,
  onChange,
}: {
  fields: ProfileField[];
  selected: string[];
  onChange: (select: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  // The chosen few of an entity's hundreds of fields, together: they are scattered through the list.
  const [selectedOnly, setSelectedOnly] = useState(false);
  const word = search.trim().toLowerCase();
  const scalar = fields.filter((f) => f.kind !== 'navigation');
  const chosen = new Set(selected);
  const only = selectedOnly && selected.length > 0;
  const shown = scalar.filter(
    (f) =>
      (!only || chosen.has(f.name)) &&
      (!word || f.name.toLowerCase().includes(word) || f.label?.toLowerCase().includes(word)),
  );
  const allShown = shown.length > 0 && shown.every((f) => chosen.has(f.name));
  const toggleAll = () => {
    const next = new Set(chosen);
    for (const f of shown) allShown ? next.delete(f.name) : next.add(f.name);
    onChange(scalar.map((f) => f.name).filter((n) => next.has(n)));
  };
  const toggle = (name: string) => {
    const next = new Set(chosen);
    next.has(name) ? next.delete(name) : next.add(name);
    onChange(scalar.map((f) => f.name).filter((n) => next.has(n)));
  };
  return (
    <section aria-labelledby="fields-title" className="panel">
      <h2 id="fields-title">
        Fields <small>({selected.length === 0 ? 'all' : `${selected.length} of ${scalar.length}`})</small>
      </h2>
      <div className="toolbar">
        <label>
          Search fields
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={allShown} onChange={toggleAll} />
          Select all shown
        </label>
        <label>
          <input
            type="checkbox"
            checked={only}
            disabled={selected.length === 0}
            onChange={(e) => setSelectedOnly(e.target.checked)}
          />
          Show selected only
        </label>
        <button type="button" onClick={() => onChange([])} disabled={selected.length === 0}>
          Clear (read all)
        </button>
      </div>
      <ul aria-label="Fields to read" className="check-list">
        {shown.map((f) => (
          <li key={f.name}>
            <label title={f.label ? `${f.name} · ${f.label}` : f.name}>
              <input
                type="checkbox"
                aria-label={`Read ${f.name}`}
                checked={chosen.has(f.name)}
                onChange={() => toggle(f.name)}
              />
              <KindIcon kind={f.kind} />
              <span className="field-name">{f.name}</span>
              {f.keyIndex !== undefined && <span className="tag">key</span>}
              {f.label && <small className="field-label">{f.label}</small>}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
