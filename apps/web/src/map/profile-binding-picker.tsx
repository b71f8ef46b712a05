import type { Component, ComponentList, OperationBody, Profile, ProfileBinding } from '@flowline/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useEveryComponent } from '../api/queries.js';

/** Takes the source or target profile from an operation component (a snapshot plus a reference). */
export function ProfileBindingPicker({
  side,
  binding,
  onChange,
}: {
  side: 'Source' | 'Target';
  binding: ProfileBinding;
  onChange: (b: ProfileBinding) => void;
}) {
  const operations = useEveryComponent('operation');
  const [error, setError] = useState<string | null>(null);
  const pick = async (id: string) => {
    if (!id) return;
    setError(null);
    try {
      const op = await api<Component>(`/api/components/${id}`);
      const body = op.body as OperationBody;
      const profile: Profile | undefined = side === 'Source' ? body.responseProfile : body.requestProfile;
      if (!profile) throw new Error(`${op.name} has no entity set yet: pick one in its builder.`);
      onChange({ profile, ref: { componentId: id, operation: body.action, version: op.version } });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // The operation saved again since this map took its profile (fields picked anew, labels taken).
  const ref = binding.ref;
  const current = operations.data?.items.find((o) => o.id === ref?.componentId);
  const newer = ref?.version !== undefined && current !== undefined && current.version > ref.version;
  return (
    <div className="control">
      <label htmlFor={`${side}-op`}>{side} operation</label>
      <select id={`${side}-op`} value={binding.ref?.componentId ?? ''} onChange={(e) => pick(e.target.value)}>
        <option value="">{binding.profile ? '(snapshot)' : '(choose an operation)'}</option>
        {groups(operations.data?.items ?? [], side).map(([label, items]) => (
          <optgroup key={label} label={label}>
            {items.map((o) => (
              <option key={o.id} value={o.id}>
                {o.action ? `${o.name} · ${o.action}` : o.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small>
        {binding.profile
          ? `${binding.profile.label ?? binding.profile.entityType} · ${binding.profile.fields.length} fields`
          : 'No profile yet.'}
      </small>
      {current && (
        <Link
          to={`/components/${current.id}`}
          aria-label={`Open the ${side.toLowerCase()} operation ${current.name}`}
        >
          Open the operation
        </Link>
      )}
      {newer && (
        <small className="hint">
          {current.name} is at revision {current.version}; this map took the profile of revision {ref.version}
          .{' '}
          <button type="button" onClick={() => pick(current.id)}>
            Take revision {current.version}
          </button>
        </small>
      )}
      {error && (
        <small role="alert" className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

type Item = ComponentList['items'][number];

/**
 * The operations in groups, each named with its action: a source is nearly always one that reads
 * and a target one that writes, so that group comes first (the other stays offered: a create's answer
 * may be mapped on, a read's fields may shape a request).
 */
function groups(items: Item[], side: 'Source' | 'Target'): [string, Item[]][] {
  const reads = items.filter((o) => o.action === 'query' || o.action === 'get');
  const writes = items.filter((o) => o.action !== undefined && !reads.includes(o));
  const ordered: [string, Item[]][] =
    side === 'Source'
      ? [
          ['Reads', reads],
          ['Writes and actions', writes],
        ]
      : [
          ['Writes and actions', writes],
          ['Reads', reads],
        ];
  ordered.push(['No action yet', items.filter((o) => o.action === undefined)]);
  return ordered.filter(([, list]) => list.length > 0);
}
