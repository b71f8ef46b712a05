import { useNavigate } from 'react-router';
import { useConnectSandbox, useLocalSandbox } from '../api/queries.js';

/**
 * A first connection in one click: to the local D365 sandbox `npm start` runs, its secret set on the
 * server. Shown while the sandbox runs.
 */
export function SandboxConnect({ folderId }: { folderId?: string }) {
  const sandbox = useLocalSandbox();
  const connect = useConnectSandbox();
  const navigate = useNavigate();
  if (!sandbox.data?.running) return null;
  return (
    <div className="inline-form sandbox-connect">
      <p className="hint sandbox-connect-text">
        The local D365 sandbox runs at {sandbox.data.serviceUrl}: an F&amp;O simulator with demo data to try
        Flowline on.
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
      {connect.isError && (
        <p role="alert" className="field-error">
          {connect.error.message}
        </p>
      )}
    </div>
  );
}
