import type { SessionInfo } from '@flowline/contracts';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useLogout } from '../api/session.js';
import { ErrorBoundary } from './error-boundary.js';

const sections = [
  { to: '/components', label: 'Components' },
  { to: '/processes', label: 'Processes' },
  { to: '/executions', label: 'Executions' },
  { to: '/users', label: 'Users', adminOnly: true },
];

/** The application frame: the product's name, the main navigation, and the page. */
export function Frame({ children, user }: { children: ReactNode; user: SessionInfo['user'] }) {
  const logout = useLogout();
  return (
    <div className="frame">
      <header className="frame-header">
        <span className="brand">Flowline</span>
        <nav aria-label="Main">
          <ul>
            {sections
              .filter((s) => !s.adminOnly || user.role === 'admin')
              .map((s) => (
                <li key={s.to}>
                  <NavLink to={s.to}>{s.label}</NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <div className="account">
          <span>
            {user.name} · {user.role}
          </span>
          <button type="button" onClick={() => logout.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="frame-main">
        <ErrorBoundary what="page">{children}</ErrorBoundary>
      </main>
    </div>
  );
}
