import type { ValueRef } from '@flowline/contracts';

/** Edits one input of a rule or a function box: a source field, a constant, or an earlier box. */
export function ValueRefInput({
  label,
  value,
  onChange,
  steps,
  sourceListId,
}: {
  label: string;
  value: ValueRef;
  onChange: (v: ValueRef) => void;
  steps: string[];
  sourceListId: string;
}) {
  const kind = value.type === 'source' || value.type === 'step' ? value.type : 'constant';
  return (
    <span className="value-ref">
      <select
        aria-label={`${label}: kind`}
        value={kind}
        onChange={(e) => {
          const k = e.target.value;
          if (k === 'source') onChange({ type: 'source', path: '' });
          else if (k === 'step') onChange({ type: 'step', step: steps[0] ?? '' });
          else onChange({ type: 'constant', value: '' });
        }}
      >
        <option value="source">source field</option>
        <option value="constant">constant</option>
        {steps.length > 0 && <option value="step">function box</option>}
      </select>
      {value.type === 'source' ? (
        <input
          aria-label={`${label}: source field`}
          list={sourceListId}
          value={value.path}
          onChange={(e) => onChange({ type: 'source', path: e.target.value })}
        />
      ) : value.type === 'step' ? (
        <select
          aria-label={`${label}: function box`}
          value={value.step}
          onChange={(e) => onChange({ type: 'step', step: e.target.value })}
        >
          {steps.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label={`${label}: constant`}
          value={value.type === 'constant' ? String(value.value ?? '') : ''}
          onChange={(e) => onChange({ type: 'constant', value: e.target.value })}
        />
      )}
    </span>
  );
}
