import type { OperationBody } from '@flowline/contracts';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { readSample, type Sample } from './operation-queries.js';
import { RecordsToRead } from './records-to-read.js';

type Tried =
  | { state: 'idle' }
  | { state: 'reading' }
  | { state: 'read'; sample: Sample; ms: number; readWith: string }
  | { state: 'failed'; message: string; explanation?: string };

/** The columns of the records read: the fields chosen, else every field the records hold (no annotations). */
function columnsOf(records: Record<string, unknown>[], select: string[] | undefined): string[] {
  if (select?.length) return select;
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!k.includes('@')) seen.add(k);
  return [...seen];
}

/** The parts of an operation that decide what it reads (a save or a label taken changes none). */
function whatIsRead(b: OperationBody): string {
  return JSON.stringify([
    b.connectionId,
    b.entitySet,
    b.legalEntity,
    b.crossCompany,
    b.filter,
    b.select,
    b.orderBy,
  ]);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Reads a few records live through the operation as it stands in the editor, saved or not: a filter
 * is tried before it becomes a revision.
 */
export function TryQuery({ operationId, body }: { operationId: string; body: OperationBody }) {
  const [top, setTop] = useState(5);
  const [tried, setTried] = useState<Tried>({ state: 'idle' });
  const read = async () => {
    setTried({ state: 'reading' });
    const started = performance.now();
    try {
      const sample = await readSample(operationId, top, body);
      setTried({
        state: 'read',
        sample,
        ms: Math.round(performance.now() - started),
        readWith: whatIsRead(body),
      });
    } catch (e) {
      const explanation = e instanceof ApiError ? e.extra<string>('explanation') : undefined;
      setTried({ state: 'failed', message: (e as Error).message, explanation });
    }
  };
  const records = tried.state === 'read' ? tried.sample.records : [];
  const columns = columnsOf(records, body.select);
  return (
    <section aria-labelledby="try-title" className="panel">
      <h2 id="try-title">Try it</h2>
      <div className="toolbar">
        <RecordsToRead value={top} onChange={setTop} />
        <button type="button" onClick={read} disabled={tried.state === 'reading'}>
          {tried.state === 'reading' ? 'Reading…' : 'Read records'}
        </button>
      </div>
      <p className="hint">
        Reads live from F&amp;O with the legal entity, filter, fields and sort above, saved or not.
      </p>
      {tried.state === 'failed' && (
        <div role="alert" className="field-error">
          <p>{tried.message}</p>
          {tried.explanation && <p>{tried.explanation}</p>}
        </div>
      )}
      {tried.state === 'read' && (
        <>
          <p role="status">
            {records.length === 1 ? '1 record' : `${records.length} records`} from {tried.sample.entitySet} in{' '}
            {tried.ms} ms
          </p>
          {tried.readWith !== whatIsRead(body) && (
            <p className="hint">
              Read before the last change: read again to see what the operation reads now.
            </p>
          )}
          {records.length > 0 && (
            <div className="table-scroll">
              <table aria-label="Records read">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {records.map((r, i) => (
                    // Records read have no identity of their own here; their order is the answer's.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <tr key={i}>
                      {columns.map((c) => (
                        <td key={c}>{cell(r[c])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
