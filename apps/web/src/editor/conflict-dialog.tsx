import type { Component } from '@flowline/contracts';
import type { Draft } from './draft.js';
import { type Change, diffJson, preview } from './json-diff.js';

/** Shown when a save answers 412: what the other person changed, and the two ways out. */
export function ConflictDialog({
  base,
  current,
  mine,
  onReload,
  onOverwrite,
  onCancel,
}: {
  base: Component;
  current: Component;
  mine: Draft;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}) {
  const theirs = diffJson(pick(base), pick(current));
  const yours = diffJson(pick(base), mine);
  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="conflict-title" className="modal">
        <h2 id="conflict-title">Someone else saved this component</h2>
        <p>
          It is now at revision {current.version}; you started from revision {base.version}.
        </p>
        <ChangeTable caption="Their changes" changes={theirs} />
        <ChangeTable caption="Your unsaved changes" changes={yours} />
        <div className="actions">
          <button type="button" onClick={onReload}>
            Reload theirs (drop mine)
          </button>
          <button type="button" className="danger" onClick={onOverwrite}>
            Overwrite with mine
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}

function ChangeTable({ caption, changes }: { caption: string; changes: Change[] }) {
  if (changes.length === 0) return <p>{caption}: none.</p>;
  return (
    <table aria-label={caption} className="diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.slice(0, 50).map((c) => (
          <tr key={c.path}>
            <td>{c.path}</td>
            <td>{preview(c.before)}</td>
            <td>{preview(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const pick = (c: Component): Draft => ({ name: c.name, description: c.description, body: c.body });
