import { useState } from 'react';
import { useEveryComponent } from '../api/queries.js';
import { readSample, type Sample } from '../operation/operation-queries.js';
import { RecordsToRead } from '../operation/records-to-read.js';

/** A short name for a record in the picker: its first few scalar values. */
function recordLabel(r: Record<string, unknown>, i: number): string {
  const values = Object.entries(r)
    .filter(([k, v]) => !k.startsWith('@') && v !== null && typeof v !== 'object' && v !== '')
    .slice(0, 3)
    .map(([, v]) => String(v));
  return `${i + 1}. ${values.join(' · ') || '(empty record)'}`;
}

/**
 * Reads a few records live through an operation (the map's source one unless the person picks
 * another) and hands the chosen one to the test panel as its sample document.
 */
export function SampleFetcher({
  defaultOperation,
  onSample,
}: {
  defaultOperation: string | undefined;
  onSample: (doc: Record<string, unknown>) => void;
}) {
  const operations = useEveryComponent('operation');
  const [picked, setPicked] = useState<string | undefined>();
  const [top, setTop] = useState(5);
  const [sample, setSample] = useState<Sample | null>(null);
  const [chosen, setChosen] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const operation = picked ?? defaultOperation ?? '';
  const fetchSample = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await readSample(operation, top);
      setSample(answer);
      setChosen(0);
      const first = answer.records[0];
      if (first) onSample(first);
      else setError(`The operation read no record from ${answer.entitySet}.`);
    } catch (e) {
      setSample(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="sample-fetcher">
      <legend>Live sample</legend>
      <label>
        Sample operation
        <select value={operation} onChange={(e) => setPicked(e.target.value)}>
          <option value="">(choose an operation)</option>
          {operations.data?.items.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
              {o.id === defaultOperation ? ' (source)' : ''}
            </option>
          ))}
        </select>
      </label>
      <RecordsToRead value={top} onChange={setTop} />
      <button type="button" onClick={fetchSample} disabled={!operation || busy} aria-busy={busy}>
        {busy ? 'Fetching…' : 'Fetch sample'}
      </button>
      {sample && sample.records.length > 0 && (
        <label>
          Sample record
          <select
            value={chosen}
            onChange={(e) => {
              const i = Number(e.target.value);
              setChosen(i);
              const doc = sample.records[i];
              if (doc) onSample(doc);
            }}
          >
            {sample.records.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: records are shown in the order read
              <option key={i} value={i}>
                {recordLabel(r, i)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p role="alert" className="field-error">
          Could not fetch a sample: {error}
        </p>
      )}
    </fieldset>
  );
}
