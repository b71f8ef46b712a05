import type { ProcessDefinition } from '@flowline/contracts';
import { failuresText, shapeTitle } from '@flowline/engine';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRevision } from '../api/component-queries.js';
import { isEnded, useExecution, useExecutionAction } from '../api/execution-queries.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { took } from './duration.js';
import { ErrorText } from './error-text.js';
import { type DocumentsView, ExecutionDocuments } from './execution-documents.js';
import { ExecutionGraph } from './execution-graph.js';
import { addWould, wouldText } from './would.js';

/** One run: the process with per-shape counts and times, log, documents; cancel and re-run of failed documents. */
export function ExecutionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const execution = useExecution(id);
  const cancel = useExecutionAction(id, 'cancel');
  const rerun = useExecutionAction(id, 'rerun-failed');
  const again = useExecutionAction(id, 'run-again');
  const [showing, setShowing] = useState<DocumentsView>();
  const e = execution.data;
  const process = useRevision(e?.processId ?? '', e?.processVersion ?? 0, Boolean(e));
  if (execution.isPending) return <Loading what="the execution" />;
  if (execution.isError)
    return <Failed what="the execution" error={execution.error} retry={() => execution.refetch()} />;
  const ex = execution.data;
  const shapes = ((process.data?.body as ProcessDefinition | undefined)?.shapes ?? []).map((s) => ({
    id: s.id,
    name: shapeTitle(s),
  }));
  const nameOf = (sid: string) => shapes.find((s) => s.id === sid)?.name ?? sid;
  // In the process's own order (the start first), not the order the stored counts' keys came back in.
  const at = (sid: string) => {
    const i = shapes.findIndex((s) => s.id === sid);
    return i < 0 ? shapes.length : i;
  };
  const counts = Object.entries(ex.shapes).sort(([a], [b]) => at(a) - at(b));
  const failedShapeId = counts.find(([, s]) => s.failed > 0)?.[0];
  const duration = ex.finishedAt ? took(ex) : undefined;
  const anyFailed = failedShapeId !== undefined;
  const preview = ex.mode === 'preview';
  const would = preview ? addWould(counts.map(([, c]) => c.would)) : undefined;
  return (
    <section aria-labelledby="execution-title" className="editor">
      <header className="editor-header">
        <h1 id="execution-title">
          Execution of <Link to={`/components/${ex.processId}`}>{ex.processName}</Link>
        </h1>
        <span className={`status-badge status-${ex.status}`} role="status">
          {ex.status}
        </span>
        {!isEnded(ex.status) && (
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            Cancel
          </button>
        )}
        {isEnded(ex.status) && anyFailed && (
          <button
            type="button"
            onClick={() =>
              rerun.mutate(undefined, { onSuccess: (r) => r && navigate(`/executions/${r.id}`) })
            }
            disabled={rerun.isPending}
          >
            Re-run failed documents
          </button>
        )}
        {isEnded(ex.status) && (
          <button
            type="button"
            title="The process's current revision, in the same mode, with the same documents given to its start"
            onClick={() =>
              again.mutate(undefined, { onSuccess: (r) => r && navigate(`/executions/${r.id}`) })
            }
            disabled={again.isPending}
          >
            Run again
          </button>
        )}
      </header>
      {(cancel.error ?? rerun.error ?? again.error) && (
        <p role="alert" className="field-error">
          {(cancel.error ?? rerun.error ?? again.error)?.message}
        </p>
      )}
      <p>
        {ex.mode} run · revision {ex.processVersion} · started{' '}
        {new Date(ex.startedAt ?? ex.createdAt).toLocaleString()}
        {ex.finishedAt ? ` · finished ${new Date(ex.finishedAt).toLocaleString()}` : ''}
        {duration ? ` · took ${duration}` : ''} · by {ex.startedBy ?? '—'}
      </p>
      {preview && (
        <p className="hint">
          A preview: its reads were real, and it wrote nothing. The documents out of each write shape are what
          it would have sent, with the request under "would send".
          {would && <strong> Its writes would: {wouldText(would)}.</strong>}
        </p>
      )}
      {ex.error && <ErrorText message={ex.error} label="Why the execution failed" />}
      {process.isPending ? (
        <Loading what="the process as it ran" />
      ) : process.isError ? (
        <Failed what="the process as it ran" error={process.error} retry={() => process.refetch()} />
      ) : (
        <ExecutionGraph
          process={process.data.body as ProcessDefinition}
          execution={ex}
          onShapeClick={(sid) => {
            const c = ex.shapes[sid];
            if (!c) return;
            setShowing({ shapeId: sid, direction: c.failed > 0 ? 'failed' : c.out > 0 ? 'out' : 'in' });
          }}
        />
      )}
      <table aria-label="Shapes" className="panel">
        <thead>
          <tr>
            <th scope="col">Shape</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
            <th scope="col">Failed</th>
            <th scope="col">Skipped</th>
            <th scope="col">Time</th>
            {preview && <th scope="col">Would</th>}
          </tr>
        </thead>
        <tbody>
          {counts.length === 0 && (
            <tr>
              <td colSpan={preview ? 7 : 6}>No shape has run yet.</td>
            </tr>
          )}
          {counts.map(([sid, c]) => (
            <tr key={sid} className={c.failed > 0 ? 'bad' : undefined}>
              <td>{nameOf(sid)}</td>
              {(['in', 'out', 'failed'] as const).map((direction) => (
                <td key={direction}>
                  {c[direction] > 0 ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${c[direction]} ${direction} of ${nameOf(sid)}: show them`}
                      onClick={() => setShowing({ shapeId: sid, direction })}
                    >
                      {c[direction]}
                    </button>
                  ) : (
                    c[direction]
                  )}
                  {direction === 'failed' && c.failed > 0 && c.failedBy && (
                    <small className="hint"> ({failuresText(c.failedBy)})</small>
                  )}
                  {direction === 'out' && c.unconditional && (
                    <small className="hint" title="Their documents carried no ETag: see the log">
                      {' '}
                      ({c.unconditional} without If-Match)
                    </small>
                  )}
                </td>
              ))}
              <td>{c.skipped}</td>
              <td>{Math.round(c.timeMs)} ms</td>
              {preview && <td>{c.would ? wouldText(c.would) : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {shapes.length > 0 && (
        <ExecutionDocuments
          executionId={id}
          shapes={shapes}
          counted={ex.shapes}
          running={!isEnded(ex.status)}
          failedShapeId={failedShapeId}
          showing={showing}
        />
      )}
      <section aria-labelledby="log-title" className="panel">
        <h2 id="log-title">Log</h2>
        {ex.logs.length === 0 && (
          <Empty>
            {ex.finishedAt ? 'Nothing to report: no document failed or was skipped.' : 'No log line yet.'}
          </Empty>
        )}
        <ol aria-label="Log" className="plain-list log">
          {ex.logs.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log lines are append-only
            <li key={i} className={l.level === 'error' ? 'bad' : undefined}>
              <time>{new Date(l.at).toLocaleTimeString()}</time> {l.level}{' '}
              {l.shapeId ? `[${nameOf(l.shapeId)}] ` : ''}
              {l.message}
            </li>
          ))}
        </ol>
      </section>
    </section>
  );
}
