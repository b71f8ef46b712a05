import type { Component } from '@flowline/contracts';
import { useState } from 'react';
import { useRestoreRevision, useRevision, useRevisions } from '../api/component-queries.js';
import { Failed, Loading } from '../frame/status.js';
import { ChangeTable } from './change-table.js';
import { draftOf } from './draft.js';
import { diffJson } from './json-diff.js';

/** The revision history, newest first; each older revision can be compared with the current one and restored. */
export function RevisionPanel({
  component,
  dirty,
  onRestored,
}: {
  component: Component;
  dirty: boolean;
  onRestored: (c: Component) => void;
}) {
  const revisions = useRevisions(component.id);
  const restore = useRestoreRevision(component.id);
  const [compared, setCompared] = useState<number | null>(null);
  return (
    <aside aria-labelledby="history-title" className="side-panel">
      <h2 id="history-title">Revision history</h2>
      {dirty && <p className="hint">Save or drop your changes before restoring.</p>}
      {revisions.isPending ? (
        <Loading what="revisions" />
      ) : revisions.isError ? (
        <Failed what="revisions" error={revisions.error} retry={() => revisions.refetch()} />
      ) : (
        <ol aria-label="Revisions" className="plain-list">
          {revisions.data.items.map((r) => (
            <li key={r.version}>
              <strong>Revision {r.version}</strong> · {r.reason} · {new Date(r.createdAt).toLocaleString()}
              {r.createdBy ? ` · ${r.createdBy}` : ''}
              {r.version !== component.version && (
                <button
                  type="button"
                  aria-pressed={compared === r.version}
                  aria-label={`Changes since revision ${r.version}`}
                  onClick={() => setCompared((v) => (v === r.version ? null : r.version))}
                >
                  Changes
                </button>
              )}
              {r.version !== component.version && (
                <button
                  type="button"
                  disabled={dirty || restore.isPending}
                  aria-label={`Restore revision ${r.version}`}
                  onClick={() => restore.mutate(r.version, { onSuccess: onRestored })}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {compared !== null && <RevisionChanges component={component} version={compared} />}
      {restore.isError && (
        <p role="alert" className="field-error">
          {restore.error.message}
        </p>
      )}
    </aside>
  );
}

/** What changed from an older revision to the current one, field by field. */
function RevisionChanges({ component, version }: { component: Component; version: number }) {
  const old = useRevision(component.id, version, true);
  if (old.isPending) return <Loading what={`revision ${version}`} />;
  if (old.isError)
    return <Failed what={`revision ${version}`} error={old.error} retry={() => old.refetch()} />;
  return (
    <ChangeTable
      caption={`From revision ${version} to revision ${component.version}`}
      changes={diffJson(draftOf(old.data), draftOf(component))}
    />
  );
}
