import type { ExecutionMode } from '@flowline/contracts';
import { type FormEvent, useState } from 'react';
import { Modal } from '../frame/modal.js';
import { parseRunDocuments, type RunDocuments } from './run-documents.js';

/** What the title calls each mode of run. */
const RUN_NAMES: Record<ExecutionMode, string> = { test: 'Test run', preview: 'Preview', full: 'Full run' };

/** What the dialog first shows: the shape documents take, to change. */
const DOCUMENTS_EXAMPLE = '[\n  { "CustomerAccount": "US-001", "CustomerGroupId": "10" }\n]';

/**
 * Asks for the documents a run starts with, for a process whose start takes documents passed by the
 * caller (an API, another system): without them, a run from the canvas would start from nothing.
 * The text stays between runs of this page, to change one field and run again.
 */
export function RunDocumentsDialog({
  mode,
  processName,
  text,
  onText,
  onRun,
  onCancel,
}: {
  mode: ExecutionMode;
  /** Named where the page shows many processes. */
  processName?: string;
  text: string;
  onText: (text: string) => void;
  onRun: (documents: RunDocuments) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  let count: number | undefined;
  try {
    count = parseRunDocuments(text).length;
  } catch {
    count = undefined;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      onRun(parseRunDocuments(text));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Modal titleId="run-documents-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="run-documents-title">
          {RUN_NAMES[mode]}
          {processName && ` of ${processName}`} with documents
        </h2>
        <p className="hint" id="run-documents-help">
          This process starts from documents passed by its caller. A JSON array of records, each the record
          itself or <code>{'{ "id": …, "data": { … } }'}</code>.
        </p>
        <label>
          Documents (JSON)
          <textarea
            className="mono"
            rows={12}
            spellCheck={false}
            value={text}
            aria-describedby="run-documents-help"
            aria-invalid={error !== null}
            onChange={(e) => {
              onText(e.target.value);
              setError(null);
            }}
          />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {count === undefined ? 'Run' : `Run with ${count} ${count === 1 ? 'document' : 'documents'}`}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * Asks for the documents of a run before starting it, for a process whose start takes them: `ask`
 * opens the dialog for a mode, `dialog` renders it. Its text stays between runs of the page.
 */
export function useDocumentsAsker(
  onRun: (mode: ExecutionMode, documents: RunDocuments) => void,
  processName?: string,
) {
  const [asking, setAsking] = useState<ExecutionMode | null>(null);
  const [text, setText] = useState(DOCUMENTS_EXAMPLE);
  const dialog = asking && (
    <RunDocumentsDialog
      mode={asking}
      processName={processName}
      text={text}
      onText={setText}
      onCancel={() => setAsking(null)}
      onRun={(documents) => {
        setAsking(null);
        onRun(asking, documents);
      }}
    />
  );
  return { ask: setAsking, dialog };
}
