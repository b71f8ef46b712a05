import type { ConnectionTestResult } from '@flowline/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client.js';

const stepNames = { token: 'Token', metadata: 'Metadata', record: 'First record' } as const;

/** "Test connection": each step (token, metadata, first record) with its time and what to do. */
export function ConnectionTest({ id, dirty }: { id: string; dirty: boolean }) {
  const test = useMutation({
    mutationFn: () => api<ConnectionTestResult>(`/api/connections/${id}/test`, { method: 'POST' }),
  });
  return (
    <section aria-labelledby="test-title" className="panel">
      <h2 id="test-title">Test connection</h2>
      <p className="hint">
        {dirty ? 'Save first: the test uses the saved revision.' : 'Tests the saved revision.'}
      </p>
      <button type="button" onClick={() => test.mutate()} disabled={dirty || test.isPending}>
        {test.isPending ? 'Testing…' : 'Test connection'}
      </button>
      {test.isError && (
        <p role="alert" className="field-error">
          {test.error.message}
        </p>
      )}
      {test.data && (
        <>
          <p role="status" className={test.data.ok ? 'ok' : 'bad'}>
            {test.data.ok ? 'The connection works.' : 'The connection failed.'}
          </p>
          <ol aria-label="Test steps" className="plain-list steps">
            {test.data.steps.map((s) => (
              <li key={s.step} className={s.ok ? 'ok' : 'bad'}>
                <strong>
                  {s.ok ? '✓' : '✗'} {stepNames[s.step]}
                </strong>{' '}
                <span>{s.ms} ms</span> — <span>{s.detail}</span>
                {s.explanation && <p className="explanation">{s.explanation}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
