import { useState } from 'react';
import { Link } from 'react-router';
import { useAudit } from '../api/user-queries.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { auditDetail } from './audit-detail.js';

/** Who did what, newest first: sign-ins, changes to components and users, exports, tests. */
export function AuditLog() {
  const [limit, setLimit] = useState(50);
  const audit = useAudit(limit);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Recent activity</h2>
      {audit.isPending ? (
        <Loading what="the audit log" />
      ) : audit.isError ? (
        <Failed what="the audit log" error={audit.error} retry={() => audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <Empty>Nothing recorded yet.</Empty>
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
                  <td>{auditDetail(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {audit.data.items.length === limit && limit < 500 && (
            <button type="button" onClick={() => setLimit(Math.min(500, limit + 100))}>
              Show older entries
            </button>
          )}
        </>
      )}
    </section>
  );
}
