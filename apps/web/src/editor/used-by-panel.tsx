import type { Component, ComponentSummary } from '@flowline/contracts';
import { Link } from 'react-router';
import { useUsedBy } from '../api/component-queries.js';
import { Failed, Loading } from '../frame/status.js';

/**
 * The components that use this one, and those that use them in turn (a process reaches an operation
 * through its map), each a link: everything a change to it may break.
 */
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
              <User key={u.id} user={u} />
            ))}
          </ul>
          {users.data.indirect.length > 0 && (
            <>
              <h3 id="used-through-title">Through them</h3>
              <ul aria-labelledby="used-through-title" className="plain-list">
                {users.data.indirect.map((u) => (
                  <User key={u.id} user={u}>
                    <small className="hint"> through {u.through.join(', ')}</small>
                  </User>
                ))}
              </ul>
            </>
          )}
          <p className="hint">As their saved revisions say: a change saved here reaches each of them.</p>
        </>
      )}
    </aside>
  );
}

function User({ user, children }: { user: ComponentSummary; children?: React.ReactNode }) {
  return (
    <li>
      <span className={`type-badge type-${user.type}`}>{user.type}</span>{' '}
      <Link to={`/components/${user.id}`}>{user.name}</Link>
      {children}
    </li>
  );
}
