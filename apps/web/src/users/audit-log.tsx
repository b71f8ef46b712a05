import { auditActions } from '@flowline/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAudit } from '../api/user-queries.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { auditDetail } from './audit-detail.js';

/** Who did what, newest first: sign-ins, changes to components and users, exports, tests. */
export function AuditLog() {
  const [limit, setLimit] = useState(50);
  const [action, setAction] = useState('');
  const audit = useAudit(limit, action);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Recent activity</h2>
      <div className="toolbar">
        <label>
          Action
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </div>
      {audit.isPending ? (
        <Loading what="the audit log" />
      ) : audit.isError ? (
        <Failed what="the audit log" error={audit.error} retry={() => audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <Empty>{action ? `No “${action}” recorded yet.` : 'Nothing recorded yet.'}</Empty>
      ) : (
        <>
          <table aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.userEmail ?? '—'}</td>
                  <td>
                    {e.componentId ? <Link to={`/components/${e.componentId}`}>{e.action}</Link> : e.action}
                  </td>
                  <td>
                    <AuditDetail detail={e.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {audit.data.items.length === limit && limit < 500 && (
            <button type="button" onClick={() => setLimit(Math.min(500, limit + 100))}>
              Show older entries
            </button>
          )}
          {audit.data.items.length === 500 && (
            <p className="hint">The newest 500 entries: choose an action above to reach older ones.</p>
          )}
        </>
      )}
    </section>
  );
}

/** A run's entry names its execution: a link to it, not a bare id. */
function AuditDetail({ detail }: { detail: unknown }) {
  const { executionId, ...rest } = (detail ?? {}) as { executionId?: unknown };
  if (typeof executionId !== 'string') return auditDetail(detail);
  const text = auditDetail(rest);
  return (
    <>
      {text && `${text} · `}
      <Link to={`/executions/${executionId}`} title={executionId}>
        execution {executionId.slice(0, 8)}
      </Link>
    </>
  );
}
