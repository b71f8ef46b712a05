import type { ComponentSummary, Folder } from '@flowline/contracts';
import { useState } from 'react';
import { useDeleteComponent, useUpdateSummary } from '../api/component-queries.js';
import { FolderOptions } from './folder-options.js';

interface Outcome {
  done: string[];
  failed: { id: string; name: string; message: string }[];
}

/**
 * Applies `step` to each component, one at a time. Deletes go round again while a round makes
 * progress: a map deleted in the first round frees the operation it used for the second.
 */
export async function eachOf(
  components: ComponentSummary[],
  step: (c: ComponentSummary) => Promise<unknown>,
  rounds: number,
): Promise<Outcome> {
  const done: string[] = [];
  let left = components;
  let failed: Outcome['failed'] = [];
  for (let round = 0; round < rounds && left.length > 0; round++) {
    const next: ComponentSummary[] = [];
    failed = [];
    for (const c of left) {
      try {
        await step(c);
        done.push(c.name);
      } catch (e) {
        next.push(c);
        failed.push({ id: c.id, name: c.name, message: (e as Error).message });
      }
    }
    if (next.length === left.length) break;
    left = next;
  }
  return { done, failed };
}

const plural = (n: number) => (n === 1 ? '1 component' : `${n} components`);

/** Move or delete the components selected on the page, saying what happened to each that failed. */
export function BulkActions({
  selected,
  folders,
  onDone,
}: {
  selected: ComponentSummary[];
  folders: Folder[];
  onDone: () => void;
}) {
  const update = useUpdateSummary();
  const remove = useDeleteComponent();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ verb: string; result: Outcome } | null>(null);
  const run = async (verb: string, step: (c: ComponentSummary) => Promise<unknown>, rounds = 1) => {
    setBusy(true);
    try {
      const result = await eachOf(selected, step, rounds);
      setOutcome({ verb, result });
      if (result.failed.length === 0) onDone();
    } finally {
      setBusy(false);
    }
  };
  const move = () =>
    run('Moved', (component) => update.mutateAsync({ component, change: { folderId: target || null } }));
  const removeAll = () => {
    if (!window.confirm(`Delete ${plural(selected.length)}?`)) return;
    return run('Deleted', (c) => remove.mutateAsync(c.id), selected.length);
  };
  return (
    <div role="toolbar" aria-label="Selected components" className="toolbar bulk-actions">
      {selected.length > 0 && (
        <>
          <strong>{selected.length} selected</strong>
          <label>
            Move to
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <FolderOptions folders={folders} />
            </select>
          </label>
          <button type="button" onClick={move} disabled={busy}>
            Move
          </button>
          <button type="button" onClick={removeAll} disabled={busy}>
            Delete selected
          </button>
          <button type="button" onClick={onDone} disabled={busy}>
            Clear selection
          </button>
        </>
      )}
      {outcome && (
        <div role="status" className={outcome.result.failed.length ? 'field-error' : 'hint'}>
          {outcome.verb} {plural(outcome.result.done.length)}.
          {outcome.result.failed.length > 0 && (
            <ul aria-label="Not done">
              {outcome.result.failed.map((f) => (
                <li key={f.id}>
                  {f.name}: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
