import { type FormEvent, useState } from 'react';
import { useCreateFolder } from '../api/queries.js';

export function CreateFolderForm() {
  const [name, setName] = useState('');
  const create = useCreateFolder();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name }, { onSuccess: () => setName('') });
  };
  return (
    <form onSubmit={submit} aria-label="New folder" className="inline-form">
      <label>
        Folder name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create folder'}
      </button>
      {create.isError && (
        <p role="alert" className="field-error">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
