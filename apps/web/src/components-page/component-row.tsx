import type { ComponentSummary, Folder } from '@flowline/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { useCopyComponent, useDeleteComponent, useUpdateSummary } from '../api/component-queries.js';
import { ActionMenu } from '../frame/action-menu.js';
import { downloadBundle } from './bundle-actions.js';
import { changedAgo } from './changed.js';
import { FolderOptions } from './folder-options.js';

/**
 * One component in the explorer, with rename, move, duplicate, export and delete; export alone for
 * those who may not change components (`mayDesign` false).
 */
export function ComponentRow({
  component,
  folders,
  selected,
  onSelect,
  mayDesign,
}: {
  component: ComponentSummary;
  folders: Folder[];
  selected: boolean;
  onSelect: (on: boolean) => void;
  mayDesign: boolean;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(component.name);
  const nameInput = useRef<HTMLInputElement>(null);
  // Chosen from the row's menu: the name is typed at once.
  useEffect(() => {
    if (renaming) nameInput.current?.select();
  }, [renaming]);
  const update = useUpdateSummary();
  const remove = useDeleteComponent();
  const copy = useCopyComponent();
  const navigate = useNavigate();
  const folderName = folders.find((f) => f.id === component.folderId)?.name ?? '—';
  const usedBy = remove.error instanceof ApiError ? remove.error.extra<Used[]>('usedBy') : undefined;

  const rename = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ component, change: { name } }, { onSuccess: () => setRenaming(false) });
  };
  const renameIt = { label: 'Rename', onSelect: () => setRenaming(true) };
  const duplicate = {
    label: 'Duplicate',
    title: 'A copy of its current revision, secrets included, opened to edit',
    disabled: copy.isPending,
    onSelect: () => copy.mutate(component.id, { onSuccess: (made) => navigate(`/components/${made.id}`) }),
  };
  const exportIt = {
    label: 'Export',
    onSelect: () => downloadBundle(component.id, component.name).catch((e) => window.alert(e.message)),
  };
  const deleteIt = {
    label: 'Delete',
    disabled: remove.isPending,
    onSelect: () => window.confirm(`Delete "${component.name}"?`) && remove.mutate(component.id),
  };
  return (
    <tr>
      {mayDesign && (
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${component.name}`}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        </td>
      )}
      <td>
        {renaming ? (
          <form onSubmit={rename} aria-label={`Rename ${component.name}`} className="inline-form">
            <input
              ref={nameInput}
              aria-label="New name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
              required
              maxLength={200}
            />
            <button type="submit">Rename</button>
          </form>
        ) : (
          <Link to={`/components/${component.id}`}>{component.name}</Link>
        )}
        {(update.isError || remove.isError || copy.isError) && (
          <div role="alert" className="field-error">
            {(update.error ?? remove.error ?? copy.error)?.message}
            {usedBy && (
              <ul aria-label={`Users of ${component.name}`}>
                {usedBy.map((u) => (
                  <li key={u.id}>
                    <Link to={`/components/${u.id}`}>{u.name}</Link> ({u.type})
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </td>
      <td>
        <span className={`type-badge type-${component.type}`}>{component.type}</span>
        {component.action && <span className="hint"> {component.action}</span>}
      </td>
      <td>
        {mayDesign ? (
          <>
            <select
              aria-label={`Folder of ${component.name}`}
              value={component.folderId ?? ''}
              onChange={(e) => update.mutate({ component, change: { folderId: e.target.value || null } })}
            >
              <FolderOptions folders={folders} />
            </select>
            <span className="visually-hidden">{folderName}</span>
          </>
        ) : (
          folderName
        )}
      </td>
      <td>{component.version}</td>
      <td>
        <time dateTime={component.updatedAt} title={new Date(component.updatedAt).toLocaleString()}>
          {changedAgo(component.updatedAt)}
        </time>
      </td>
      <td>
        <ActionMenu
          label={`Actions for ${component.name}`}
          actions={mayDesign ? [renameIt, duplicate, exportIt, deleteIt] : [exportIt]}
        />
      </td>
    </tr>
  );
}

interface Used {
  id: string;
  name: string;
  type: string;
}
