import type { OperationFilter, ProfileField } from '@flowline/contracts';
import { ValueInput } from './value-input.js';

export type Leaf = Exclude<OperationFilter, { op: 'and' | 'or' | 'not' }>;
type Op = Leaf['op'];

const comparisons: Op[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const textOps: Op[] = ['contains', 'startswith', 'endswith'];
const opLabels: Record<Op, string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  ge: '≥',
  lt: '<',
  le: '≤',
  contains: 'contains',
  startswith: 'starts with',
  endswith: 'ends with',
  in: 'is one of',
};

/** One condition: field, operator, and a value typed by the field. */
export function ConditionRow({
  condition,
  fields,
  label,
  onChange,
}: {
  condition: Leaf;
  fields: ProfileField[];
  label: string;
  onChange: (c: Leaf | null) => void;
}) {
  const usable = fields.filter((f) => f.kind !== 'navigation' && f.kind !== 'complex');
  const field = usable.find((f) => f.name === condition.path);
  const ops =
    field?.kind === 'string' ? [...comparisons, ...textOps, 'in' as Op] : [...comparisons, 'in' as Op];
  const setOp = (op: Op) => {
    const one = condition.op === 'in' ? (condition.values[0] ?? '') : condition.value;
    if (op === 'in') onChange({ op, path: condition.path, values: [one] });
    else if (textOps.includes(op))
      onChange({ op: op as 'contains', path: condition.path, value: String(one ?? '') });
    else onChange({ op: op as 'eq', path: condition.path, value: one });
  };
  return (
    <fieldset className="condition" aria-label={label}>
      <select
        aria-label={`${label}: field`}
        value={condition.path}
        onChange={(e) => {
          const next = usable.find((f) => f.name === e.target.value);
          const empty = next?.kind === 'boolean' ? true : next?.kind === 'integer' ? 0 : '';
          onChange({ op: 'eq', path: e.target.value, value: empty });
        }}
      >
        {usable.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <select
        aria-label={`${label}: operator`}
        value={condition.op}
        onChange={(e) => setOp(e.target.value as Op)}
      >
        {ops.map((o) => (
          <option key={o} value={o}>
            {opLabels[o]}
          </option>
        ))}
      </select>
      {condition.op === 'in' ? (
        <input
          aria-label={`${label}: values (comma-separated)`}
          value={condition.values.join(',')}
          onChange={(e) => onChange({ ...condition, values: e.target.value.split(',').map((v) => v.trim()) })}
        />
      ) : textOps.includes(condition.op) ? (
        <input
          aria-label={`${label}: value`}
          value={String(condition.value)}
          onChange={(e) => onChange({ ...condition, value: e.target.value } as Leaf)}
        />
      ) : (
        <ValueInput
          field={field}
          label={`${label}: value`}
          value={condition.value}
          onChange={(value) => onChange({ ...condition, value } as Leaf)}
        />
      )}
      <button type="button" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => onChange(null)}>
        ✕
      </button>
    </fieldset>
  );
}
