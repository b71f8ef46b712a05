import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useTrackedSearch } from '../api/execution-queries.js';
import { Empty, Failed, Loading } from '../frame/status.js';

/**
 * "Which run wrote customer US-001?": the executions that wrote a record with this key part (a
 * customer account, an order number, a legal entity), newest first.
 */
export function RecordSearch() {
  const [text, setText] = useState('');
  const [value, setValue] = useState('');
  const found = useTrackedSearch(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setValue(text.trim());
  };
  return (
    <section aria-labelledby="record-search-title" className="panel record-search">
      <h2 id="record-search-title">Find the run that wrote a record</h2>
      <form onSubmit={submit} aria-label="Find the run that wrote a record" className="toolbar">
        <label>
          Key value
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. US-001"
            maxLength={500}
            aria-describedby="record-search-hint"
          />
        </label>
        <button type="submit">Find</button>
      </form>
      <p id="record-search-hint" className="hint">
        A part of the record's key, whole (capitals do not count, as in F&amp;O): a customer account such as
        US-001, a sales order number, a legal entity.
      </p>
      {value === '' ? null : found.isPending ? (
        <Loading what="runs" />
      ) : found.isError ? (
        <Failed what="runs" error={found.error} retry={() => found.refetch()} />
      ) : found.data.items.length === 0 ? (
        <Empty>No run wrote a record whose key holds “{value}”.</Empty>
      ) : (
        <table aria-label={`Runs that wrote ${value}`}>
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Key part</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {found.data.items.map((r) => (
              <tr key={`${r.execution.id} ${r.shapeId} ${r.documentId} ${r.name}`}>
                <td>
                  <Link
                    to={`/executions/${r.execution.id}?${new URLSearchParams({ shape: r.shapeId, direction: 'out', document: r.documentId })}`}
                  >
                    {r.execution.processName} <small>rev {r.execution.processVersion}</small>
                  </Link>
                </td>
                <td>
                  <span className={`status-badge status-${r.execution.status}`}>{r.execution.status}</span>
                </td>
                <td>{new Date(r.execution.startedAt ?? r.execution.createdAt).toLocaleString()}</td>
                <td>
                  {r.name} = {r.value}
                </td>
                <td>
                  <code>{r.documentId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
