import { useNavigate } from 'react-router';
import { useLocalSandbox, useSandboxExample } from '../api/queries.js';

/**
 * A first process in one click: the example made on the local sandbox (a connection, two operations,
 * a map and the process, in a folder of their own), then opened on its canvas.
 */
export function SandboxExample() {
  const example = useSandboxExample();
  const navigate = useNavigate();
  return (
    <>
      <button
        type="button"
        disabled={example.isPending}
        aria-describedby="sandbox-example-hint"
        onClick={() =>
          example.mutate(undefined, { onSuccess: (made) => navigate(`/components/${made.processId}`) })
        }
      >
        {example.isPending ? 'Creating the example…' : 'Create an example process'}
      </button>
      <p id="sandbox-example-hint" className="hint sandbox-example-hint">
        The example copies the first 25 customers of usmf into usrt, in a folder of its own: a connection, two
        operations, a map and the process. Preview it first: a preview writes nothing.
      </p>
      {example.isError && (
        <p role="alert" className="field-error">
          {example.error.message}
        </p>
      )}
    </>
  );
}

/** The example offered where there is no process yet, while the sandbox runs. */
export function SandboxExampleOffer() {
  const sandbox = useLocalSandbox();
  if (!sandbox.data?.running) return null;
  return (
    <section className="inline-form sandbox-connect" aria-label="An example on the local sandbox">
      <SandboxExample />
    </section>
  );
}
