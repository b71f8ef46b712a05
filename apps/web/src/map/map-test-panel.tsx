import type { MapDefinition } from '@flowline/contracts';
import { type MapTestResult, testMap } from '@flowline/mapping';
import { useState } from 'react';
import { SampleFetcher } from './sample-fetcher.js';

/** Runs the map on a sample document (pasted, or fetched live) and shows the output with the per-field trace. */
export function MapTestPanel({ map }: { map: MapDefinition }) {
  const [sample, setSample] = useState('{\n  \n}');
  const [result, setResult] = useState<MapTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    try {
      setResult(testMap(map, JSON.parse(sample)));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setResult(null);
    }
  };
  return (
    <section aria-labelledby="map-test-title" className="panel">
      <h2 id="map-test-title">Test</h2>
      <SampleFetcher
        defaultOperation={map.source.ref?.componentId}
        onSample={(doc) => setSample(JSON.stringify(doc, null, 2))}
      />
      <label>
        Sample source document (JSON)
        <textarea
          rows={6}
          spellCheck={false}
          value={sample}
          onChange={(e) => setSample(e.target.value)}
          className="mono"
        />
      </label>
      <button type="button" onClick={run}>
        Run test
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {result && (
        <>
          <h3>Output</h3>
          <pre className="code" data-testid="map-output">
            {JSON.stringify(result.output, null, 2)}
          </pre>
          {result.errors.length > 0 && (
            <ul aria-label="Map errors" className="plain-list">
              {result.errors.map((e) => (
                <li key={`${e.ruleId}-${e.target}`} className="bad">
                  {e.target}: {e.message}
                </li>
              ))}
            </ul>
          )}
          <table aria-label="Trace" className="diff">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Read</th>
                <th scope="col">Steps</th>
                <th scope="col">Written</th>
              </tr>
            </thead>
            <tbody>
              {result.trace.map((t) => (
                <tr key={`${t.ruleId}-${t.target}`}>
                  <td>{t.target}</td>
                  <td>{t.inputs.map((i) => JSON.stringify(i)).join(', ')}</td>
                  <td>{t.steps.map((s) => JSON.stringify(s)).join(' → ')}</td>
                  <td>
                    {t.skipped ? 'skipped' : t.error ? `error: ${t.error}` : JSON.stringify(t.value)}
                    {t.defaulted ? ' (default)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
