import type { Folder } from '@flowline/contracts';
import { type FormEvent, useState } from 'react';
import { useDeleteFolder, useRenameFolder } from '../api/queries.js';

/** Rename or delete the folder shown; the server refuses to delete one that still holds anything. */
export function FolderActions({ folder, onDeleted }: { folder: Folder; onDeleted: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(folder.name);
  const rename = useRenameFolder();
  const remove = useDeleteFolder();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ id: folder.id, name }, { onSuccess: () => setRenaming(false) });
  };
  const error = rename.error ?? remove.error;
  return (
    <div className="toolbar folder-actions">
      {renaming ? (
        <form onSubmit={submit} aria-label={`Rename folder ${folder.name}`} className="inline-form">
          <label>
            New folder name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
              required
              maxLength={200}
            />
          </label>
          <button type="submit" disabled={rename.isPending}>
            Rename
          </button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span>
            Folder <strong>{folder.name}</strong>
          </span>
          <button
            type="button"
            aria-label={`Rename folder ${folder.name}`}
            onClick={() => {
              setName(folder.name);
              rename.reset();
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Delete folder ${folder.name}`}
            disabled={remove.isPending}
            onClick={() =>
              window.confirm(`Delete the folder "${folder.name}"?`) &&
              remove.mutate(folder.id, { onSuccess: onDeleted })
            }
          >
            Delete
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
    </div>
  );
}
