import type {
  DecisionConfig,
  DecisionOperator,
  PropertyAssignment,
  SetPropertiesConfig,
} from '@flowline/contracts';
import { DraftField } from './draft-field.js';
import { ValueSourceInput } from './value-source-input.js';

const operators: { value: DecisionOperator; label: string }[] = [
  { value: '=', label: 'equals' },
  { value: '!=', label: 'does not equal' },
  { value: '<', label: 'is less than' },
  { value: '<=', label: 'is at most' },
  { value: '>', label: 'is greater than' },
  { value: '>=', label: 'is at least' },
  { value: 'wildcard', label: 'matches the wildcard (* and ?)' },
  { value: 'regex', label: 'matches the regular expression' },
  { value: 'empty', label: 'is empty' },
];

/** A decision: left value, operator, right value; documents go out of `true` or `false`. */
export function DecisionFields({
  config,
  onChange,
}: {
  config: DecisionConfig;
  onChange: (c: DecisionConfig, edit?: string) => string | null;
}) {
  return (
    <>
      <ValueSourceInput
        label="Left"
        value={config.left}
        onChange={(left, edit) => onChange({ ...config, left }, edit)}
      />
      <label>
        Operator
        <select
          value={config.operator ?? ''}
          onChange={(e) => onChange({ ...config, operator: e.target.value as DecisionOperator })}
        >
          <option value="" disabled>
            (choose)
          </option>
          {operators.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {config.operator !== 'empty' && (
        <ValueSourceInput
          label="Right"
          value={config.right}
          onChange={(right, edit) => onChange({ ...config, right }, edit)}
        />
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={config.ignoreCase ?? false}
          onChange={(e) => onChange({ ...config, ignoreCase: e.target.checked })}
        />
        Ignore case
      </label>
    </>
  );
}

/** Set properties: named document or process properties, each from a value source. */
export function SetPropertiesFields({
  config,
  onChange,
}: {
  config: SetPropertiesConfig;
  onChange: (c: SetPropertiesConfig, edit?: string) => string | null;
}) {
  const assignments = config.assignments ?? [];
  const change = (i: number, a: PropertyAssignment, edit?: string) =>
    onChange({ assignments: assignments.map((x, j) => (j === i ? a : x)) }, edit);
  return (
    <>
      <ol aria-label="Properties to set" className="plain-list assignments">
        {assignments.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: assignments have no id; their order is their identity
          <li key={i}>
            <label>
              Property {i + 1} of
              <select
                value={a.target}
                onChange={(e) => change(i, { ...a, target: e.target.value as 'document' })}
              >
                <option value="document">the document</option>
                <option value="process">the process</option>
              </select>
            </label>
            <DraftField
              label={`Property ${i + 1} name`}
              value={a.name}
              apply={(name, edit) => change(i, { ...a, name }, edit)}
              refused={(name) =>
                name ? 'a property name has at most 200 characters.' : 'a property needs a name.'
              }
            />
            <ValueSourceInput
              label={`Property ${i + 1} value`}
              value={a.value}
              onChange={(value, edit) => change(i, { ...a, value }, edit)}
            />
            <button
              type="button"
              onClick={() => onChange({ assignments: assignments.filter((_, j) => j !== i) })}
            >
              Remove property {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          onChange({
            assignments: [
              ...assignments,
              // A valid start (names must not be empty), so adding is one edit that can be undone.
              {
                target: 'document',
                name: `property${assignments.length + 1}`,
                value: { type: 'constant', value: '' },
              },
            ],
          })
        }
      >
        Add property
      </button>
    </>
  );
}
