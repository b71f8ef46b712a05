import type { MapDefinition } from '@flowline/contracts';

/** Text as a person types it: a number, true/false or null when it reads as one, else the text itself. */
function parseValue(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(Number(text)))) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return text;
}

/** The map's named constants, read by rules and function boxes as "map constant". */
export function MapConstants({
  map,
  onChange,
}: {
  map: MapDefinition;
  onChange: (m: MapDefinition) => void;
}) {
  const entries = Object.entries(map.constants ?? {});
  const write = (next: [string, unknown][]) => onChange({ ...map, constants: Object.fromEntries(next) });
  const fresh = () => {
    let n = entries.length + 1;
    while (map.constants && `constant${n}` in map.constants) n++;
    return `constant${n}`;
  };
  return (
    <section aria-labelledby="constants-title" className="panel">
      <h2 id="constants-title">Constants</h2>
      {entries.length === 0 && (
        <p className="status empty">No constant yet: values used by several rules live here.</p>
      )}
      <ul aria-label="Map constants" className="plain-list constants">
        {entries.map(([name, value], i) => (
          <li key={name} className="form-grid">
            <label>
              Constant {i + 1} name
              <input
                defaultValue={name}
                onBlur={(e) => {
                  const next = e.target.value.trim();
                  if (next && next !== name && !(next in (map.constants ?? {}))) {
                    write(entries.map(([k, v]) => (k === name ? [next, v] : [k, v])));
                  }
                }}
              />
            </label>
            <label>
              Constant {i + 1} value
              <input
                value={value === null ? 'null' : String(value)}
                onChange={(e) =>
                  write(entries.map(([k, v]) => (k === name ? [k, parseValue(e.target.value)] : [k, v])))
                }
              />
            </label>
            <button type="button" onClick={() => write(entries.filter(([k]) => k !== name))}>
              Remove constant {i + 1}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => write([...entries, [fresh(), '']])}>
        Add constant
      </button>
    </section>
  );
}
