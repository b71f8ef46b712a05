import type { Component } from '@flowline/contracts';
import { Modal } from '../frame/modal.js';
import { ChangeTable } from './change-table.js';
import { type Draft, draftOf } from './draft.js';
import { diffJson } from './json-diff.js';

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
  const theirs = diffJson(draftOf(base), draftOf(current));
  const yours = diffJson(draftOf(base), mine);
  return (
    <Modal titleId="conflict-title" onCancel={onCancel}>
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
        {/* Neither way out is safe to take by a stray Enter: the focus starts on keeping both. */}
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
