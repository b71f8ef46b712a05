import { Link } from 'react-router';
import { useComponents } from '../api/queries.js';
import { Empty, Failed, Loading } from './status.js';

/** Processes are components of type "process"; each opens on its canvas. */
export function ProcessesPage() {
  const processes = useComponents({ type: 'process' });
  return (
    <section aria-labelledby="processes-title">
      <h1 id="processes-title">Processes</h1>
      {processes.isPending ? (
        <Loading what="processes" />
      ) : processes.isError ? (
        <Failed what="processes" error={processes.error} retry={() => processes.refetch()} />
      ) : processes.data.items.length === 0 ? (
        <Empty>No process yet. Create one on the Components page.</Empty>
      ) : (
        <ul aria-label="Processes" className="plain-list">
          {processes.data.items.map((p) => (
            <li key={p.id}>
              <Link to={`/components/${p.id}`}>{p.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
