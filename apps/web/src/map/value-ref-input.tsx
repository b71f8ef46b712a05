import type { ValueRef } from '@flowline/contracts';

export type Scope = 'current' | 'parent' | 'root';

/** Edits one input of a rule or a function box: a source field, a constant, a map constant, or an earlier box. */
export function ValueRefInput({
  label,
  value,
  onChange,
  steps,
  sourceListId,
  constants = [],
  scopedSources,
}: {
  label: string;
  value: ValueRef;
  onChange: (v: ValueRef) => void;
  steps: string[];
  sourceListId: string;
  /** Names of the map's constants. */
  constants?: string[];
  /** Inside a loop: source fields may be read from the element, the loop's parent or the document. */
  scopedSources?: { listFor: (scope: Scope) => string };
}) {
  const kind =
    value.type === 'source' || value.type === 'step' || value.type === 'mapConstant'
      ? value.type
      : 'constant';
  return (
    <span className="value-ref">
      <select
        aria-label={`${label}: kind`}
        value={kind}
        onChange={(e) => {
          const k = e.target.value;
          if (k === 'source') onChange({ type: 'source', path: '' });
          else if (k === 'step') onChange({ type: 'step', step: steps[0] ?? '' });
          else if (k === 'mapConstant') onChange({ type: 'mapConstant', name: constants[0] ?? '' });
          else onChange({ type: 'constant', value: '' });
        }}
      >
        <option value="source">source field</option>
        <option value="constant">constant</option>
        {steps.length > 0 && <option value="step">function box</option>}
        {constants.length > 0 && <option value="mapConstant">map constant</option>}
      </select>
      {value.type === 'source' && scopedSources && (
        <select
          aria-label={`${label}: read from`}
          value={value.scope ?? 'current'}
          onChange={(e) => {
            const scope = e.target.value as Scope;
            onChange({ type: 'source', path: value.path, ...(scope === 'current' ? {} : { scope }) });
          }}
        >
          <option value="current">this element</option>
          <option value="parent">the parent</option>
          <option value="root">the document</option>
        </select>
      )}
      {value.type === 'source' ? (
        <input
          aria-label={`${label}: source field`}
          list={scopedSources ? scopedSources.listFor(value.scope ?? 'current') : sourceListId}
          value={value.path}
          onChange={(e) => onChange({ ...value, path: e.target.value })}
        />
      ) : value.type === 'mapConstant' ? (
        <select
          aria-label={`${label}: map constant`}
          value={value.name}
          onChange={(e) => onChange({ type: 'mapConstant', name: e.target.value })}
        >
          {constants.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
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
