import type { Component } from '@flowline/contracts';
import { Link } from 'react-router';
import { useUsedBy } from '../api/component-queries.js';
import { Failed, Loading } from '../frame/status.js';

/** The components that use this one, each a link: what a change to it may break. */
export function UsedByPanel({ component }: { component: Component }) {
  const users = useUsedBy(component.id);
  return (
    <aside aria-labelledby="used-by-title" className="side-panel">
      <h2 id="used-by-title">Used by</h2>
      {users.isPending ? (
        <Loading what="its users" />
      ) : users.isError ? (
        <Failed what="its users" error={users.error} retry={() => users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <p className="status empty">No component uses {component.name}.</p>
      ) : (
        <>
          <ul aria-label="Users" className="plain-list">
            {users.data.items.map((u) => (
              <li key={u.id}>
                <span className={`type-badge type-${u.type}`}>{u.type}</span>{' '}
                <Link to={`/components/${u.id}`}>{u.name}</Link>
              </li>
            ))}
          </ul>
          <p className="hint">As their saved revisions say: a change saved here reaches each of them.</p>
        </>
      )}
    </aside>
  );
}
