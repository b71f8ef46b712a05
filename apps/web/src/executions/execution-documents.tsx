import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DOCUMENTS_PAGE, everyExecutionDocument, useExecutionDocuments } from '../api/execution-queries.js';
import { Pager } from '../frame/pager.js';
import { pageAt } from '../frame/pages.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { documentSummary } from './document-summary.js';
import { ErrorText } from './error-text.js';
import { JsonViewer } from './json-viewer.js';

type Doc = {
  id?: string;
  data?: unknown;
  properties?: { tracked?: Record<string, unknown> };
  error?: { message?: string };
};

/** What the panel calls a tracked property, when not by its name. */
const TRACKED_NAMES: Record<string, string> = { request: 'would send', changes: 'would change' };

/** A tracked value as people write it: a key object as `dataAreaId=usmf,CustomerAccount=US-001`. */
function showTracked(value: unknown): string {
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
  }
  return String(value);
}

const docKey = (shapeId: string | undefined, direction: string, documentId: string) =>
  `${shapeId}-${direction}-${documentId}`;

/** The documents a shape took in, sent out or failed, with their tracked properties (ETag, key). */
/** Which documents the panel shows: a new object each time they are asked for, even the same ones. */
export type DocumentsView = { shapeId: string; direction: 'in' | 'out' | 'failed' };

export function ExecutionDocuments({
  executionId,
  shapes,
  counted,
  running,
  failedShapeId,
  showing,
}: {
  executionId: string;
  shapes: { id: string; name: string }[];
  /** Each shape's counts: what was kept is said against them when a full run kept only a sample. */
  counted: Record<string, { in: number; out: number; failed: number }>;
  /** Whether the execution still runs: its documents are then read again as they are kept. */
  running: boolean;
  /** A shape where documents failed: the panel opens on its failures, where the answer usually is. */
  failedShapeId?: string | undefined;
  /** Documents asked for elsewhere on the page (a count in the shapes table): shown, and scrolled to. */
  showing?: DocumentsView | undefined;
}) {
  // A link may name the document to show (`?shape=&direction=&document=`, from "find the run that
  // wrote a record"): it opens there, unfolded and scrolled to.
  const [params] = useSearchParams();
  const [shapeId, setShapeId] = useState(params.get('shape') ?? failedShapeId ?? shapes[0]?.id);
  const [direction, setDirection] = useState(params.get('direction') ?? (failedShapeId ? 'failed' : 'out'));
  const linked = params.get('document');
  const [open, setOpen] = useState<string | null>(linked && docKey(shapeId, direction, linked));
  const scrollTo = useCallback((li: HTMLLIElement | null) => li?.scrollIntoView({ block: 'center' }), []);
  const [offset, setOffset] = useState(0);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!showing) return;
    setShapeId(showing.shapeId);
    setDirection(showing.direction);
    setOffset(0);
    section.current?.scrollIntoView({ block: 'start' });
  }, [showing]);
  const docs = useExecutionDocuments(executionId, shapeId, direction, offset, running);
  const page = docs.data && pageAt(offset, DOCUMENTS_PAGE, docs.data.total);
  const [download, setDownload] = useState<string | null>(null);
  const shapeName = shapes.find((s) => s.id === shapeId)?.name ?? shapeId ?? 'documents';
  // Every page of them, as one file: failed documents to correct and send again, outputs to compare.
  const downloadAll = async () => {
    setDownload('Reading…');
    try {
      const items = await everyExecutionDocument(executionId, shapeId, direction);
      const file = new Blob([JSON.stringify(items, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(file);
      Object.assign(document.createElement('a'), {
        href: url,
        download: `${shapeName} ${direction} ${executionId.slice(0, 8)}.json`,
      }).click();
      URL.revokeObjectURL(url);
      setDownload(null);
    } catch (e) {
      setDownload(`Not downloaded: ${(e as Error).message}`);
    }
  };
  return (
    <section ref={section} aria-labelledby="docs-title" className="panel">
      <h2 id="docs-title">Documents</h2>
      <div className="toolbar">
        <label>
          Shape
          <select
            value={shapeId ?? ''}
            onChange={(e) => {
              setShapeId(e.target.value);
              setOffset(0);
            }}
          >
            {shapes.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Direction
          <select
            value={direction}
            onChange={(e) => {
              setDirection(e.target.value);
              setOffset(0);
            }}
          >
            <option value="in">in</option>
            <option value="out">out</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button
          type="button"
          onClick={downloadAll}
          disabled={!docs.data?.total || download === 'Reading…'}
          title="Every document kept here, all pages, as one JSON file"
        >
          Download JSON
        </button>
        {download && <span role="status">{download}</span>}
      </div>
      {docs.isPending ? (
        <Loading what="documents" />
      ) : docs.isError ? (
        <Failed what="documents" error={docs.error} retry={() => docs.refetch()} />
      ) : docs.data.items.length === 0 ? (
        <Empty>
          No document kept here (full runs keep the first 10 of each shape, and every failed one).
        </Empty>
      ) : (
        <>
          {shapeId && (
            <KeptOf kept={docs.data.total} of={counted[shapeId]?.[direction as 'in' | 'out' | 'failed']} />
          )}
          <ul aria-label="Documents" className="plain-list documents">
            {docs.data.items.map((item) => {
              const doc = item.document as Doc;
              const tracked = doc.properties?.tracked ?? {};
              const key = docKey(item.shapeId, item.direction, item.documentId);
              const summary = documentSummary(doc.data);
              return (
                <li key={key} ref={linked === item.documentId ? scrollTo : undefined}>
                  <button
                    type="button"
                    aria-expanded={open === key}
                    onClick={() => setOpen(open === key ? null : key)}
                  >
                    {item.documentId}
                  </button>
                  {summary && <span className="doc-summary"> {summary}</span>}
                  <dl className="tracked" aria-label={`Tracked properties of ${item.documentId}`}>
                    {Object.entries(tracked).map(([k, v]) => (
                      <div key={k}>
                        <dt>{TRACKED_NAMES[k] ?? k}</dt>
                        <dd>{showTracked(v)}</dd>
                      </div>
                    ))}
                  </dl>
                  {doc.error?.message && (
                    <ErrorText message={doc.error.message} label={`Error of ${item.documentId}`} />
                  )}
                  {open === key && (
                    <JsonViewer value={doc.data ?? doc} label={`Document ${item.documentId}`} />
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {page && docs.data.total > DOCUMENTS_PAGE && <Pager of="documents" page={page} go={setOffset} />}
    </section>
  );
}

/** Says when fewer documents were kept than the shape counted: a full run keeps a sample of each. */
function KeptOf({ kept, of }: { kept: number; of: number | undefined }) {
  if (of === undefined || kept >= of) return null;
  return (
    <p className="hint" role="note">
      The first {kept} of {of} documents are kept: a full run keeps the first 10 of each shape, and every
      failed one. A test run or a preview keeps them all.
    </p>
  );
}
