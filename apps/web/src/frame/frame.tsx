import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

const sections = [
  { to: '/components', label: 'Components' },
  { to: '/processes', label: 'Processes' },
  { to: '/executions', label: 'Executions' },
];

/** The application frame: the product's name, the main navigation, and the page. */
export function Frame({ children }: { children: ReactNode }) {
  return (
    <div className="frame">
      <header className="frame-header">
        <span className="brand">Flowline</span>
        <nav aria-label="Main">
          <ul>
            {sections.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to}>{s.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="frame-main">{children}</main>
    </div>
  );
}
