import type { ExecutionMode } from '@flowline/contracts';
import { TEST_LIMIT } from '@flowline/engine';
import { memo } from 'react';
import { Link } from 'react-router';
import { confirmFullRun } from './confirm-full-run.js';
import type { RunState } from './run-context.js';
import type { RunDocuments } from './run-documents.js';
import { useDocumentsAsker } from './run-documents-dialog.js';
import type { RunProblem } from './use-live-run.js';

/**
 * "Test run", "Preview" (a test run that sends no write) and "Run full", with the live status
 * and what stopped a run from starting.
 */
export const RunBar = memo(function RunBar({
  run,
  problems,
  error,
  dirty,
  takesDocuments,
  onRun,
}: {
  run: RunState | null;
  problems: RunProblem[];
  error: string | null;
  dirty: boolean;
  /** The start takes documents passed by the caller: a run asks for them first. */
  takesDocuments: boolean;
  onRun: (mode: ExecutionMode, documents?: RunDocuments) => void;
}) {
  const documents = useDocumentsAsker(onRun);
  const ask = (mode: ExecutionMode) => (takesDocuments ? documents.ask(mode) : onRun(mode));
  const more = takesDocuments ? '…' : '';
  const busy =
    run !== null && (run.status === 'starting' || run.status === 'queued' || run.status === 'running');
  // Each shape shows its own counts on the canvas; a sum of them all would count a document once per shape.
  const failed = run ? Object.values(run.shapes).reduce((n, s) => n + s.failed, 0) : 0;
  return (
    <div className="run-bar">
      <button
        type="button"
        onClick={() => ask('test')}
        disabled={dirty || busy}
        title={
          dirty
            ? 'Save first: runs use the saved revision'
            : `Test mode: the first ${TEST_LIMIT} documents from the start, every one kept to look at. Its writes are real: Preview sends none.`
        }
      >
        Test run{more}
      </button>
      <button
        type="button"
        onClick={() => ask('preview')}
        disabled={dirty || busy}
        title={
          dirty
            ? 'Save first: runs use the saved revision'
            : `A test run that writes nothing: reads are real, and each write shows the request it would have sent.`
        }
      >
        Preview{more}
      </button>
      <button
        type="button"
        onClick={() => (takesDocuments || confirmFullRun()) && ask('full')}
        disabled={dirty || busy}
        title={
          dirty
            ? 'Save first: runs use the saved revision'
            : 'Every document its start reads; its writes are real'
        }
      >
        Run full{more}
      </button>
      {dirty && <span className="hint">Save to run.</span>}
      {run && (
        <output aria-label="Run status" className={`run-status run-${run.status}`}>
          {run.mode === 'preview' && 'preview '}
          {run.status}
          {failed > 0 && ` · ${failed} ${failed === 1 ? 'document' : 'documents'} failed`}{' '}
          <Link to={`/executions/${run.executionId}`}>Open execution</Link>
        </output>
      )}
      {run?.notes?.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {documents.dialog}
      {problems.length > 0 && (
        <ul aria-label="Why the run did not start" className="plain-list issues">
          {problems.map((p) => (
            <li key={`${p.code}-${p.shapeId}-${p.message}`} className="bad">
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
