import { Fragment } from 'react';
import { Link, useNavigate } from 'react-router';
import { useConnectSandbox, useLocalSandbox } from '../api/queries.js';
import { SandboxExample } from './sandbox-example.js';

/** Connections to the sandbox named beside the button; more would crowd the form. */
const NAMED = 3;

/**
 * A first connection in one click: to the local D365 sandbox `npm start` runs, its secret set on the
 * server. Shown while the sandbox runs, with the connections that reach it already; and a first
 * process, a whole example made on it.
 */
export function SandboxConnect({ folderId }: { folderId?: string }) {
  const sandbox = useLocalSandbox();
  const connect = useConnectSandbox();
  const navigate = useNavigate();
  if (!sandbox.data?.running) return null;
  const known = sandbox.data.connections;
  return (
    <section className="inline-form sandbox-connect" aria-label="The local sandbox">
      <p className="hint sandbox-connect-text">
        The local D365 sandbox runs at {sandbox.data.serviceUrl}: an F&amp;O simulator with demo data to try
        Flowline on.
        {known.length > 0 && ' Connections to it: '}
        {known.slice(0, NAMED).map((c, i) => (
          <Fragment key={c.id}>
            {i > 0 && ', '}
            <Link to={`/components/${c.id}`}>{c.name}</Link>
          </Fragment>
        ))}
        {known.length > NAMED && ` and ${known.length - NAMED} more`}
        {known.length > 0 && '.'}
      </p>
      <button
        type="button"
        disabled={connect.isPending}
        onClick={() =>
          connect.mutate(
            { folderId: folderId ?? null },
            { onSuccess: (created) => navigate(`/components/${created.id}`) },
          )
        }
      >
        {connect.isPending ? 'Connecting…' : 'Connect to the local sandbox'}
      </button>
      <SandboxExample />
      {connect.isError && (
        <p role="alert" className="field-error">
          {connect.error.message}
        </p>
      )}
    </section>
  );
}
