import type { FieldRule, MapDefinition, ProfileField, ValueRef } from '@flowline/contracts';
import { getFunction, listFunctions, type ValidationIssue } from '@flowline/mapping';
import { useMemo } from 'react';
import { putRule, removeRule, ruleFor } from './map-rules.js';
import { ValueRefInput } from './value-ref-input.js';

const functions = listFunctions();

/** The selected target field: its one input, default, new function boxes (drawn on the surface), and its issues. */
export function RuleInspector({
  map,
  target,
  field,
  issues,
  onChange,
}: {
  map: MapDefinition;
  target: string;
  field: ProfileField | undefined;
  issues: ValidationIssue[];
  onChange: (m: MapDefinition) => void;
}) {
  const rule: FieldRule = ruleFor(map, target) ?? {
    id: '',
    kind: 'field',
    target,
    value: { type: 'constant', value: '' },
  };
  const save = (next: FieldRule) =>
    onChange(putRule(map, { ...next, id: next.id || `r${map.rules.length + 1}-${target}` }));
  const steps = rule.steps ?? [];
  const grouped = useMemo(() => {
    const by: Record<string, typeof functions> = {};
    for (const f of functions) {
      by[f.category] ??= [];
      by[f.category]?.push(f);
    }
    return by;
  }, []);
  const addFunction = (fn: string) => {
    const def = getFunction(fn);
    if (!def) return;
    // Boxes can be deleted from the middle: the next id skips those still in use.
    let k = steps.length + 1;
    while (steps.some((s) => s.id === `f${k}`)) k++;
    const id = `f${k}`;
    const args: ValueRef[] = def.inputs
      .filter((i) => !i.optional)
      .map((_, n) => (n === 0 ? rule.value : { type: 'constant', value: '' }));
    save({ ...rule, steps: [...steps, { id, fn, args }], value: { type: 'step', step: id } });
  };
  return (
    <section aria-labelledby="rule-title" className="panel rule-inspector">
      <h2 id="rule-title">
        {target}{' '}
        {field && (
          <small>
            {field.edmType}
            {field.mandatory ? ' · mandatory' : ''}
          </small>
        )}
      </h2>
      {issues.length > 0 && (
        <ul aria-label={`Issues of ${target}`} className="plain-list issues">
          {issues.map((i) => (
            <li key={`${i.code}-${i.message}`} className={i.severity === 'error' ? 'bad' : 'warn'}>
              {i.severity === 'error' ? '⛔' : '⚠'} {i.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <div className="control">
          <span>Value</span>
          <ValueRefInput
            label="Value"
            value={rule.value}
            steps={steps.map((s) => s.id)}
            sourceListId="map-source-paths"
            constants={Object.keys(map.constants ?? {})}
            onChange={(value) => save({ ...rule, value })}
          />
        </div>
        <label>
          Default (when empty)
          <input
            value={rule.default === undefined ? '' : String(rule.default)}
            onChange={(e) => save({ ...rule, default: e.target.value === '' ? undefined : e.target.value })}
          />
        </label>
        <label>
          Add function
          <select value="" onChange={(e) => addFunction(e.target.value)}>
            <option value="">(choose a function)</option>
            {Object.entries(grouped).map(([category, list]) => (
              <optgroup key={category} label={category}>
                {list?.map((f) => (
                  <option key={f.id} value={f.id} title={f.description}>
                    {f.id}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      {rule.id && (
        <button type="button" onClick={() => onChange(removeRule(map, target))}>
          Unmap {target}
        </button>
      )}
    </section>
  );
}
