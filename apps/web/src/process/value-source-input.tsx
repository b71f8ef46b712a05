import type { ValueSource } from '@flowline/contracts';
import { useId, useState } from 'react';
import { DraftField } from './draft-field.js';

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
  onChange: (value: ValueSource, edit?: string) => string | null;
}) {
  const id = useId();
  // A kind chosen before its path or name is typed: refused as it stands, so a draft until then.
  const [pending, setPending] = useState<ValueSource['type'] | null>(null);
  const type = pending ?? value?.type ?? 'field';
  const what = type === 'field' ? 'field path' : 'property name';
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
        <select
          value={type}
          onChange={(e) => {
            const t = e.target.value as ValueSource['type'];
            // Its own edit name: the reason shows at the field below, not in the canvas status.
            setPending(onChange(make(t, text), `${id}:kind:${t}`) ? t : null);
          }}
        >
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
        <DraftField
          // A new kind of source starts a new draft.
          key={type}
          label={`${label}: ${type === 'field' ? 'path' : type === 'constant' ? 'value' : 'name'}`}
          value={text}
          apply={(v, edit) => {
            const refusal = onChange(make(type, v), edit);
            if (!refusal) setPending(null);
            return refusal;
          }}
          refused={() => `${label}: the ${what} cannot be empty.`}
          invalid={pending ? `${label}: the ${what} cannot be empty.` : undefined}
        />
      )}
    </fieldset>
  );
}
