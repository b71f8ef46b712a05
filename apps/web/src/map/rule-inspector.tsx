import type { FieldRule, MapDefinition, ProfileField } from '@flowline/contracts';
import type { ValidationIssue } from '@flowline/mapping';
import { FunctionPicker } from './function-picker.js';
import { withFunction } from './function-surface-model.js';
import { IssueList } from './issue-list.js';
import { putRule, removeRule, ruleFor } from './map-rules.js';
import { ValueRefInput } from './value-ref-input.js';

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
  const addFunction = (fn: string) => {
    const next = withFunction(rule, fn);
    if (next) save(next);
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
      <IssueList label={`Issues of ${target}`} issues={issues} />
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
        <FunctionPicker label="Add function" onPick={addFunction} />
      </div>
      {rule.id && (
        <button type="button" onClick={() => onChange(removeRule(map, target))}>
          Unmap {target}
        </button>
      )}
    </section>
  );
}
