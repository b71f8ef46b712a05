import type { ValueSource } from '@flowline/contracts';

const kinds: { value: ValueSource['type']; label: string }[] = [
  { value: 'field', label: 'document field' },
  { value: 'constant', label: 'constant' },
  { value: 'property', label: 'document property' },
  { value: 'processProperty', label: 'process property' },
  { value: 'tracked', label: 'tracked property' },
];
const trackedNames = ['etag', 'key', 'dataAreaId', 'entitySet'] as const;

/** Where a value comes from: a document field, a constant, a property, or a tracked property. */
export function ValueSourceInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ValueSource | undefined;
  onChange: (value: ValueSource) => void;
}) {
  const type = value?.type ?? 'field';
  const text =
    value?.type === 'constant'
      ? String(value.value ?? '')
      : value?.type === 'field'
        ? value.path
        : value && 'name' in value
          ? value.name
          : '';
  const make = (t: ValueSource['type'], v: string): ValueSource =>
    t === 'constant'
      ? { type: t, value: v }
      : t === 'field'
        ? { type: t, path: v }
        : t === 'tracked'
          ? { type: t, name: (trackedNames as readonly string[]).includes(v) ? (v as 'etag') : 'etag' }
          : { type: t, name: v };
  return (
    <fieldset className="value-source">
      <legend>{label}</legend>
      <label>
        {label}: from
        <select value={type} onChange={(e) => onChange(make(e.target.value as ValueSource['type'], text))}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {type === 'tracked' ? (
        <label>
          {label}: property
          <select value={text} onChange={(e) => onChange(make('tracked', e.target.value))}>
            {trackedNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {label}: {type === 'field' ? 'path' : type === 'constant' ? 'value' : 'name'}
          <input value={text} onChange={(e) => onChange(make(type, e.target.value))} />
        </label>
      )}
    </fieldset>
  );
}
