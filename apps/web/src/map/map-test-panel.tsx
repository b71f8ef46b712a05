import type { MapDefinition } from '@flowline/contracts';
import { type FieldTrace, type MapTestResult, testMap } from '@flowline/mapping';
import { useState } from 'react';
import { SampleFetcher } from './sample-fetcher.js';
import { traceRows } from './trace-rows.js';

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
          <TraceTable trace={result.trace} />
        </>
      )}
    </section>
  );
}

/**
 * What each rule read, did and wrote. Rules that found nothing in the sample (most of an auto-mapped
 * entity's 300, for a sample of a few fields) are left out until asked for.
 */
function TraceTable({ trace }: { trace: FieldTrace[] }) {
  const [showQuiet, setShowQuiet] = useState(false);
  const rows = traceRows(trace);
  const quiet = rows.filter((r) => !r.eventful).length;
  const shown = showQuiet ? rows : rows.filter((r) => r.eventful);
  return (
    <>
      <p className="hint" data-testid="trace-summary">
        {rows.length - quiet} of {rows.length} rules wrote a value, failed or were skipped
        {quiet > 0 ? `; ${quiet} found nothing in the sample.` : '.'}
      </p>
      {quiet > 0 && (
        <label>
          <input type="checkbox" checked={showQuiet} onChange={(e) => setShowQuiet(e.target.checked)} />
          Show the {quiet} rules that wrote nothing
        </label>
      )}
      <div className="table-scroll">
        <table aria-label="Trace" className="diff trace">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Read</th>
              <th scope="col">Steps</th>
              <th scope="col">Written</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key}>
                <td>{r.target}</td>
                <td>{r.read}</td>
                <td>{r.steps}</td>
                <td className={r.written.startsWith('error:') ? 'bad' : undefined}>{r.written}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
