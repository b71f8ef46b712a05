import { type ComponentType, componentTypes, type Folder } from '@flowline/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateComponent } from '../api/queries.js';
import { FolderOptions } from './folder-options.js';

/**
 * Creates a component and opens it: one creates a component to edit it (and the list may page).
 * With `only`, it creates that type alone ("New process").
 */
export function CreateComponentForm({
  folders,
  defaultFolderId,
  only,
}: {
  folders: Folder[];
  defaultFolderId?: string;
  only?: ComponentType;
}) {
  const [name, setName] = useState('');
  const [type, setType] = useState<ComponentType>(only ?? 'connection');
  const [folderId, setFolderId] = useState(defaultFolderId ?? '');
  useEffect(() => setFolderId(defaultFolderId ?? ''), [defaultFolderId]);
  const create = useCreateComponent();
  const navigate = useNavigate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, type, folderId: folderId || null },
      { onSuccess: (created) => navigate(`/components/${created.id}`) },
    );
  };
  return (
    <form onSubmit={submit} aria-label={`New ${only ?? 'component'}`} className="inline-form">
      <label>
        {only ? 'Name' : 'Component name'}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      {only === undefined && (
        <label>
          Component type
          <select value={type} onChange={(e) => setType(e.target.value as ComponentType)}>
            {componentTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        In folder
        <select value={folderId} onChange={(e) => setFolderId(e.target.value)}>
          <FolderOptions folders={folders} />
        </select>
      </label>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : `Create ${only ?? 'component'}`}
      </button>
      {create.isError && (
        <p role="alert" className="field-error">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
