import type { OperationFilter, ProfileField } from '@flowline/contracts';
import { ConditionRow, type Leaf } from './condition-row.js';

type Group = Extract<OperationFilter, { op: 'and' | 'or' }>;

/** The $filter as nested and/or groups of typed conditions. */
export function FilterBuilder({
  fields,
  filter,
  onChange,
}: {
  fields: ProfileField[];
  filter: OperationFilter | undefined;
  onChange: (f: OperationFilter | undefined) => void;
}) {
  const root: Group =
    filter && (filter.op === 'and' || filter.op === 'or')
      ? filter
      : { op: 'and', args: filter ? [filter] : [] };
  return (
    <section aria-labelledby="filter-title" className="panel">
      <h2 id="filter-title">Filter</h2>
      <GroupEditor
        group={root}
        fields={fields}
        depth={0}
        label="Filter"
        onChange={(g) => onChange(g.args.length === 0 ? undefined : g)}
      />
    </section>
  );
}

function GroupEditor({
  group,
  fields,
  depth,
  label,
  onChange,
  onRemove,
}: {
  group: Group;
  fields: ProfileField[];
  depth: number;
  label: string;
  onChange: (g: Group) => void;
  onRemove?: () => void;
}) {
  const setArg = (i: number, next: OperationFilter | null) => {
    const args = [...group.args];
    if (next) args[i] = next;
    else args.splice(i, 1);
    onChange({ ...group, args });
  };
  const first = fields.find((f) => f.kind !== 'navigation' && f.kind !== 'complex');
  return (
    <fieldset className="filter-group" aria-label={label}>
      <legend>
        <select
          aria-label={`${label}: combine with`}
          value={group.op}
          onChange={(e) => onChange({ ...group, op: e.target.value as 'and' | 'or' })}
        >
          <option value="and">All of (and)</option>
          <option value="or">Any of (or)</option>
        </select>
      </legend>
      {group.args.length === 0 && <p className="hint">No condition: every record is read.</p>}
      <ol className="plain-list">
        {group.args.map((arg, i) => {
          const name = `${label} ${i + 1}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
            <li key={i}>
              {arg.op === 'and' || arg.op === 'or' ? (
                <GroupEditor
                  group={arg}
                  fields={fields}
                  depth={depth + 1}
                  label={`Group ${name}`}
                  onChange={(g) => setArg(i, g)}
                  onRemove={() => setArg(i, null)}
                />
              ) : arg.op === 'not' ? (
                <p>
                  not (…){' '}
                  <button type="button" onClick={() => setArg(i, null)}>
                    Remove
                  </button>
                </p>
              ) : (
                <ConditionRow
                  condition={arg as Leaf}
                  fields={fields}
                  label={`Condition ${i + 1}${depth ? ` of ${label}` : ''}`}
                  onChange={(c) => setArg(i, c)}
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className="toolbar">
        <button
          type="button"
          disabled={!first}
          onClick={() =>
            first && onChange({ ...group, args: [...group.args, { op: 'eq', path: first.name, value: '' }] })
          }
        >
          Add condition
        </button>
        {depth < 2 && (
          <button
            type="button"
            onClick={() =>
              onChange({
                ...group,
                args: [...group.args, { op: group.op === 'and' ? 'or' : 'and', args: [] }],
              })
            }
          >
            Add group
          </button>
        )}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            Remove group
          </button>
        )}
      </div>
    </fieldset>
  );
}
