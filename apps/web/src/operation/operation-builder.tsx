import type { ConnectionBody, OperationAction, OperationBody } from '@flowline/contracts';
import { useState } from 'react';
import { useComponent } from '../api/component-queries.js';
import { useEveryComponent } from '../api/queries.js';
import type { BodyEditorProps } from '../editor/draft.js';
import { FieldTree } from '../tree/field-tree.js';
import { EntitySetPicker } from './entity-set-picker.js';
import { FieldPicker } from './field-picker.js';
import { FilterBuilder } from './filter-builder.js';
import { fetchProfile } from './operation-queries.js';
import { ProfileDrift } from './profile-drift.js';
import { RequestOptions } from './request-options.js';
import { RequestPreview } from './request-preview.js';
import { SortEditor } from './sort-editor.js';
import { takeLabels } from './take-labels.js';
import { TryQuery } from './try-query.js';

const actions: { value: OperationAction; label: string }[] = [
  { value: 'query', label: 'Query (read many)' },
  { value: 'get', label: 'Get (read one by key)' },
  { value: 'create', label: 'Create' },
  { value: 'update', label: 'Update' },
  { value: 'upsert', label: 'Upsert' },
  { value: 'delete', label: 'Delete' },
  { value: 'execute', label: 'Execute action' },
];

/** Connection and action, then the entity set, then what to read and how. */
export function OperationBuilder({ component, body, onChange, dirty }: BodyEditorProps<OperationBody>) {
  const set = (patch: Partial<OperationBody>) => onChange({ ...body, ...patch });
  const connections = useEveryComponent('connection');
  const connection = useComponent(body.connectionId ?? '');
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const profile = body.responseProfile;

  const pick = async (entitySet: string) => {
    if (!body.connectionId) return;
    setLoading(entitySet);
    setError(null);
    try {
      const answer = await fetchProfile(body.connectionId, entitySet);
      const keepFields = entitySet === body.entitySet;
      onChange({
        ...body,
        entitySet,
        requestProfile: answer.profile,
        responseProfile: answer.profile,
        metadataHash: answer.metadataHash,
        ...(keepFields ? {} : { select: undefined, filter: undefined, orderBy: undefined }),
      });
    } catch (e) {
      setError(`Could not read the profile of ${entitySet}: ${(e as Error).message}`);
    } finally {
      setLoading(null);
    }
  };

  return (
    <div className="operation-builder">
      <section aria-labelledby="target-title" className="panel">
        <h2 id="target-title">Connection and action</h2>
        <div className="form-grid">
          <label>
            Connection
            <select
              value={body.connectionId ?? ''}
              onChange={(e) => set({ connectionId: e.target.value || undefined })}
              aria-busy={connections.isPending}
            >
              <option value="">(choose a connection)</option>
              {connections.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {connections.isError && <small className="field-error">{connections.error.message}</small>}
          </label>
          <label>
            Action
            <select
              value={body.action ?? ''}
              onChange={(e) => set({ action: (e.target.value || undefined) as OperationAction })}
            >
              <option value="">(choose an action)</option>
              {actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          {body.action === 'execute' && (
            <label>
              Action name
              <input
                value={body.actionName ?? ''}
                onChange={(e) => set({ actionName: e.target.value || undefined })}
              />
            </label>
          )}
        </div>
      </section>
      {body.connectionId && (
        <section aria-labelledby="entity-title" className="panel">
          <h2 id="entity-title">Entity set {body.entitySet && <small>· {body.entitySet}</small>}</h2>
          <EntitySetPicker connectionId={body.connectionId} value={body.entitySet} onPick={pick} />
          {loading && <p role="status">Reading the profile of {loading}…</p>}
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </section>
      )}
      {profile && (
        <>
          {(body.action === 'query' || body.action === 'get') && (
            <FieldPicker
              fields={profile.fields}
              selected={body.select ?? []}
              onChange={(s) => set({ select: s.length ? s : undefined })}
            />
          )}
          {body.action === 'query' && (
            <>
              <FilterBuilder
                fields={profile.fields}
                filter={body.filter}
                onChange={(filter) => set({ filter })}
              />
              <SortEditor
                fields={profile.fields}
                orderBy={body.orderBy ?? []}
                onChange={(orderBy) => set({ orderBy })}
              />
            </>
          )}
        </>
      )}
      {body.action && <RequestOptions body={body} set={set} />}
      <RequestPreview
        body={body}
        serviceUrl={(connection.data?.body as ConnectionBody | undefined)?.serviceUrl}
      />
      {body.action === 'query' && body.connectionId && body.entitySet && (
        <TryQuery operationId={component.id} body={body} />
      )}
      {profile && (
        <section aria-labelledby="profile-title" className="panel">
          <h2 id="profile-title">
            Profile · {profile.label ?? profile.entityType} <small>key: {profile.key.join(', ')}</small>
          </h2>
          <ProfileDrift
            operationId={component.id}
            enabled={!dirty && Boolean(body.metadataHash)}
            profile={profile}
            onTakeLabels={(labels) =>
              set({
                responseProfile: takeLabels(profile, labels).profile,
                ...(body.requestProfile
                  ? { requestProfile: takeLabels(body.requestProfile, labels).profile }
                  : {}),
              })
            }
          />
          <FieldTree fields={profile.fields} label="Profile" height={320} />
        </section>
      )}
    </div>
  );
}
