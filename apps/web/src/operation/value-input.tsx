import type { ProfileField } from '@flowline/contracts';

type Value = string | number | boolean | null;

/** A filter value typed by the field: enum members, dates, numbers, booleans, text. */
export function ValueInput({
  field,
  value,
  onChange,
  label,
}: {
  field: ProfileField | undefined;
  value: Value;
  onChange: (v: Value) => void;
  label: string;
}) {
  const kind = field?.kind ?? 'string';
  if (kind === 'enum' && field?.enumMembers)
    return (
      <select aria-label={label} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
        <option value="">(choose)</option>
        {field.enumMembers.map((m) => (
          <option key={m.name} value={m.name}>
            {m.label ? `${m.label} (${m.name})` : m.name}
          </option>
        ))}
      </select>
    );
  if (kind === 'boolean')
    return (
      <select aria-label={label} value={String(value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  if (kind === 'date')
    return (
      <input
        aria-label={label}
        type="date"
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  if (kind === 'datetime')
    return (
      <input
        aria-label={label}
        type="datetime-local"
        value={typeof value === 'string' ? value.replace(/:\d\d(\.\d+)?Z$/, '') : ''}
        onChange={(e) => onChange(e.target.value ? `${e.target.value}:00Z` : null)}
      />
    );
  if (kind === 'integer' || kind === 'number')
    return (
      <input
        aria-label={label}
        type="number"
        step={kind === 'integer' ? 1 : 'any'}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    );
  // int64 and decimal stay strings so no digit is lost.
  return (
    <input
      aria-label={label}
      type="text"
      inputMode={kind === 'decimal' || kind === 'int64' ? 'decimal' : undefined}
      maxLength={field?.maxLength}
      value={String(value ?? '')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
