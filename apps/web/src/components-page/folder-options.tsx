import type { Folder } from '@flowline/contracts';

/**
 * The options of a folder picker: the top level (`top`, the empty value unless a filter gives that to
 * "any"), then each folder (its value the folder's id).
 */
export function FolderOptions({ folders, top = '' }: { folders: Folder[]; top?: string }) {
  return (
    <>
      <option value={top}>(top level)</option>
      {folders.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </>
  );
}
