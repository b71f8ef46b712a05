import type { Folder } from '@flowline/contracts';

/** The options of a folder picker: the top level, then each folder (its value the folder's id). */
export function FolderOptions({ folders }: { folders: Folder[] }) {
  return (
    <>
      <option value="">(top level)</option>
      {folders.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </>
  );
}
