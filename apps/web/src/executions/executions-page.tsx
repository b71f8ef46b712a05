import { type ExecutionStatus, ExecutionStatus as Statuses } from '@flowline/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.js';
import { useExecutions } from '../api/execution-queries.js';
import { useComponents } from '../api/queries.js';
import { Empty, Failed, Loading } from '../frame/status.js';

const statuses = Statuses.anyOf.map((s: { const: ExecutionStatus }) => s.const);

/** Every run, newest first, filtered by process and status. */
export function ExecutionsPage() {
  const [processId, setProcessId] = useState('');
  const [status, setStatus] = useState('');
  const processes = useComponents({ type: 'process' });
  const executions = useExecutions({ processId, status });
  const missing = executions.error instanceof ApiError && executions.error.status === 404;
  return (
    <section aria-labelledby="executions-title">
      <h1 id="executions-title">Executions</h1>
      <div className="toolbar">
        <label>
          Process
          <select value={processId} onChange={(e) => setProcessId(e.target.value)}>
            <option value="">All processes</option>
            {processes.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {executions.isPending ? (
        <Loading what="executions" />
      ) : missing ? (
        <Empty>Running is not available on this server yet: the executions API is missing.</Empty>
      ) : executions.isError ? (
        <Failed what="executions" error={executions.error} retry={() => executions.refetch()} />
      ) : executions.data.items.length === 0 ? (
        <Empty>No execution yet. Run a process from its canvas.</Empty>
      ) : (
        <table aria-label="Executions">
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Status</th>
              <th scope="col">Mode</th>
              <th scope="col">Started</th>
              <th scope="col">By</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {executions.data.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/executions/${e.id}`}>
                    {e.processName} <small>rev {e.processVersion}</small>
                  </Link>
                </td>
                <td>
                  <span className={`status-badge status-${e.status}`}>{e.status}</span>
                </td>
                <td>{e.mode}</td>
                <td>{new Date(e.startedAt ?? e.createdAt).toLocaleString()}</td>
                <td>{e.startedBy ?? '—'}</td>
                <td>{e.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
