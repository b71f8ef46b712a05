import { executionModes as modes, executionStatuses as statuses } from '@flowline/contracts';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useExecutions } from '../api/execution-queries.js';
import { useEveryComponent } from '../api/queries.js';
import { Pager } from '../frame/pager.js';
import { pageAt } from '../frame/pages.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { useAddress } from '../frame/use-address.js';
import { dayRange } from './day-range.js';
import { took } from './duration.js';
import { RecordSearch } from './record-search.js';

/** Executions a page shows. */
const PAGE = 50;

/**
 * Every run, newest first, filtered by process, status, mode (`full` alone: the real runs) and the
 * days it was queued on.
 */
export function ExecutionsPage() {
  // Filters and page live in the address: a link (from a process, say) or a reload keeps them.
  const { params, change } = useAddress();
  const processId = params.get('processId') ?? '';
  const status = params.get('status') ?? '';
  const mode = params.get('mode') ?? '';
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const processes = useEveryComponent('process');
  const executions = useExecutions({
    processId,
    status,
    mode,
    ...dayRange(fromDay, toDay),
    limit: PAGE,
    offset,
  });
  const page = executions.data && pageAt(offset, PAGE, executions.data.total);
  // An offset past the end (an old link, runs deleted since) moves to the last page.
  const lastPage = page?.from;
  useEffect(() => {
    if (lastPage !== undefined && lastPage < offset) change({ offset: lastPage });
  });
  return (
    <section aria-labelledby="executions-title">
      <h1 id="executions-title">Executions</h1>
      <div className="toolbar">
        <label>
          Process
          <select value={processId} onChange={(e) => change({ processId: e.target.value, offset: 0 })}>
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
          <select value={status} onChange={(e) => change({ status: e.target.value, offset: 0 })}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select value={mode} onChange={(e) => change({ mode: e.target.value, offset: 0 })}>
            <option value="">Any mode</option>
            {modes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          From day
          <input type="date" value={fromDay} onChange={(e) => change({ from: e.target.value, offset: 0 })} />
        </label>
        <label>
          To day
          <input type="date" value={toDay} onChange={(e) => change({ to: e.target.value, offset: 0 })} />
        </label>
      </div>
      {executions.isPending ? (
        <Loading what="executions" />
      ) : executions.isError ? (
        <Failed what="executions" error={executions.error} retry={() => executions.refetch()} />
      ) : executions.data.items.length === 0 ? (
        <Empty>
          {processId || status || mode || fromDay || toDay
            ? 'No execution matches these filters.'
            : 'No execution yet: run a process from the Processes page or its canvas.'}
        </Empty>
      ) : (
        <table aria-label="Executions">
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Status</th>
              <th scope="col">Mode</th>
              <th scope="col">Started</th>
              <th scope="col">Took</th>
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
                <td>{took(e) ?? '—'}</td>
                <td>{e.startedBy ?? '—'}</td>
                <td>{e.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && executions.data.total > PAGE && (
        <Pager of="executions" page={page} go={(offset) => change({ offset })} labels={['Newer', 'Older']} />
      )}
      <RecordSearch />
    </section>
  );
}
