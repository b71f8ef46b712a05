import type { Component } from '@flowline/contracts';
import { useRestoreRevision, useRevisions } from '../api/component-queries.js';
import { Failed, Loading } from '../frame/status.js';

/** The revision history, newest first, with a restore button on each older revision. */
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
      {restore.isError && (
        <p role="alert" className="field-error">
          {restore.error.message}
        </p>
      )}
    </aside>
  );
}
