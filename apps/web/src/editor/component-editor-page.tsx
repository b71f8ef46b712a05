import type { Component } from '@flowline/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useBlocker, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { fetchRevision, useComponent, useSaveComponent } from '../api/component-queries.js';
import { ErrorBoundary } from '../frame/error-boundary.js';
import { Failed, Loading } from '../frame/status.js';
import { typing } from '../frame/typing.js';
import { BodyEditor } from './body-editor.js';
import { ConflictDialog } from './conflict-dialog.js';
import { draftOf, isDirty } from './draft.js';
import { useDraftHistory } from './draft-history.js';
import type { StoredDraft } from './draft-store.js';
import { KeptDraftOffer, useKeptDraft } from './kept-draft.js';
import { LeaveDialog } from './leave-dialog.js';
import { RevisionPanel } from './revision-panel.js';
import { UsedByPanel } from './used-by-panel.js';

/** `/components/:id`: loads the component, then hands it to the editor with its draft. */
export function ComponentEditorPage() {
  const { id = '' } = useParams();
  const component = useComponent(id);
  if (component.isPending) return <Loading what="the component" />;
  if (component.isError)
    return <Failed what="the component" error={component.error} retry={() => component.refetch()} />;
  return <ComponentEditor key={component.data.id} saved={component.data} />;
}

function ComponentEditor({ saved }: { saved: Component }) {
  // The revision the draft started from: If-Match names it, and a conflict is measured from it.
  const [base, setBase] = useState(saved);
  const history = useDraftHistory(() => draftOf(saved));
  const draft = history.draft;
  // The canvas keeps its own undo steps (shape moves, links): one Undo button per process is enough.
  const undoable = base.type !== 'process';
  const [conflict, setConflict] = useState<Component | null>(null);
  const [panel, setPanel] = useState<'history' | 'used-by' | null>(null);
  const toggle = (p: 'history' | 'used-by') => setPanel((open) => (open === p ? null : p));
  const save = useSaveComponent(saved.id);
  const dirty = isDirty(base, draft);
  // A link or the browser's Back within the app would drop the draft without a word: asked first.
  const leaving = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  const kept = useKeptDraft(saved, base, draft, dirty);
  const restoreKept = async (stored: StoredDraft) => {
    kept.taken();
    if (stored.base !== base.version) {
      // Saved from the revision they started from, a save then shows what was saved since.
      const from = await fetchRevision(base.id, stored.base).catch(() => undefined);
      if (from) setBase(from);
    }
    history.change(() => stored.draft);
  };

  const saveFrom = useCallback(
    (version: number) =>
      save.mutate(
        { version, change: draft },
        {
          onSuccess: (next) => {
            setBase(next);
            // A connection's steps may hold secrets as typed: once saved, they are not kept in the page.
            if (next.type === 'connection') history.reset(draftOf(next));
            else history.replace(draftOf(next));
            setConflict(null);
          },
          onError: (e) => {
            const current =
              e instanceof ApiError && e.status === 412 ? e.extra<Component>('current') : undefined;
            if (current) setConflict(current);
          },
        },
      ),
    [save, draft, history.replace, history.reset],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && k === 's') {
        e.preventDefault();
        if (dirty) saveFrom(base.version);
        return;
      }
      // In a text field the browser's own undo works on what is being typed.
      if (!undoable || !mod || typing(e.target)) return;
      if (k === 'z' && !e.shiftKey) history.undo();
      else if (k === 'y' || (k === 'z' && e.shiftKey)) history.redo();
      else return;
      e.preventDefault();
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!dirty) return;
      e.preventDefault();
      kept.keepNow();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [dirty, base.version, kept.keepNow, saveFrom, undoable, history.undo, history.redo]);

  const restored = (next: Component) => {
    setBase(next);
    history.reset(draftOf(next));
  };

  return (
    <section aria-labelledby="editor-title" className="editor">
      <header className="editor-header">
        <h1 id="editor-title">
          <span className={`type-badge type-${base.type}`}>{base.type}</span> {base.name}
        </h1>
        <output className={dirty ? 'dirty' : 'clean'} aria-live="polite">
          {dirty ? 'Unsaved changes' : `Saved · revision ${base.version}`}
        </output>
        <button type="button" onClick={() => saveFrom(base.version)} disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {undoable && (
          <>
            <button type="button" onClick={history.undo} disabled={!history.canUndo} title="Ctrl+Z">
              Undo
            </button>
            <button
              type="button"
              onClick={history.redo}
              disabled={!history.canRedo}
              title="Ctrl+Shift+Z / Ctrl+Y"
            >
              Redo
            </button>
          </>
        )}
        <button type="button" aria-pressed={panel === 'history'} onClick={() => toggle('history')}>
          History
        </button>
        <button type="button" aria-pressed={panel === 'used-by'} onClick={() => toggle('used-by')}>
          Used by
        </button>
      </header>
      {kept.offer && (
        <KeptDraftOffer
          offer={kept.offer}
          baseVersion={base.version}
          onRestore={() => restoreKept(kept.offer!)}
          onDiscard={kept.discard}
        />
      )}
      {save.isError && !conflict && (
        <p role="alert" className="field-error">
          Not saved: {save.error.message}
        </p>
      )}
      <div className="editor-details">
        <label>
          Name
          <input
            value={draft.name}
            onChange={(e) => history.change((d) => ({ ...d, name: e.target.value }))}
            maxLength={200}
          />
        </label>
        <label>
          Description
          <textarea
            value={draft.description}
            rows={2}
            onChange={(e) => history.change((d) => ({ ...d, description: e.target.value }))}
          />
        </label>
      </div>
      <div className="editor-body">
        <ErrorBoundary what={`${base.type} editor`}>
          <BodyEditor
            component={base}
            dirty={dirty}
            body={draft.body}
            onChange={(body) => history.change((d) => ({ ...d, body }))}
          />
        </ErrorBoundary>
        {panel === 'history' && <RevisionPanel component={base} dirty={dirty} onRestored={restored} />}
        {panel === 'used-by' && <UsedByPanel component={base} />}
      </div>
      {leaving.state === 'blocked' && (
        <LeaveDialog
          name={draft.name || base.name}
          onStay={() => leaving.reset()}
          onLeave={() => {
            kept.forget();
            leaving.proceed();
          }}
        />
      )}
      {conflict && (
        <ConflictDialog
          base={base}
          current={conflict}
          mine={draft}
          onReload={() => restored(conflict)}
          onOverwrite={() => {
            setBase(conflict);
            saveFrom(conflict.version);
          }}
          onCancel={() => setConflict(null)}
        />
      )}
    </section>
  );
}
