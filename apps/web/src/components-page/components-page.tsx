import { type ComponentType, componentTypes } from '@flowline/contracts';
import { useEffect, useState } from 'react';
import { useComponents, useFolders } from '../api/queries.js';
import { useMay } from '../api/session.js';
import { Pager } from '../frame/pager.js';
import { pageAt } from '../frame/pages.js';
import { SearchBox } from '../frame/search-box.js';
import { Empty, Failed, Loading } from '../frame/status.js';
import { BulkActions } from './bulk-actions.js';
import { ImportBundleForm } from './bundle-actions.js';
import { ComponentRow } from './component-row.js';
import { CreateComponentForm } from './create-component-form.js';
import { CreateFolderForm } from './create-folder-form.js';
import { FolderActions } from './folder-actions.js';
import { SandboxConnect } from './sandbox-connect.js';
import { type ExplorerFilter, useExplorerAddress } from './use-explorer-address.js';

/** Components a page shows. */
const PAGE = 100;

/** Folders on the left, the components of the chosen folder (or all) on the right. */
export function ComponentsPage() {
  const { filter, offset, change } = useExplorerAddress();
  const { type, search, sort } = filter;
  // What is selected is what the page shows: another page, folder, type or search starts afresh.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const goTo = (at: number) => {
    change({ offset: at });
    setSelected(new Set());
  };
  // Another folder, type or search starts again from its first page.
  const narrow = (patch: Partial<ExplorerFilter>) => {
    change({ ...patch, offset: 0 });
    setSelected(new Set());
  };
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      on ? next.add(id) : next.delete(id);
      return next;
    });
  const folders = useFolders();
  const mayDesign = useMay('design');
  const shownFolder = folders.data?.items.find((f) => f.id === filter.folderId);
  // A folder in the address that no longer exists (deleted since, an old link): all components.
  const folderId = folders.data && !shownFolder ? undefined : filter.folderId;
  const components = useComponents({
    folderId,
    type,
    search: search.trim() || undefined,
    sort,
    offset,
    limit: PAGE,
  });
  const page = components.data && pageAt(offset, PAGE, components.data.total);
  const shown = components.data?.items ?? [];
  // Deleting the last component of the last page moves to the page before, not to an empty list.
  const lastPage = page?.from;
  useEffect(() => {
    if (lastPage !== undefined && lastPage < offset) goTo(lastPage);
  });

  return (
    <div className="components-page">
      <aside aria-labelledby="folders-title" className="folders">
        <h2 id="folders-title">Folders</h2>
        {folders.isPending ? (
          <Loading what="folders" />
        ) : folders.isError ? (
          <Failed what="folders" error={folders.error} retry={() => folders.refetch()} />
        ) : (
          <ul aria-label="Folders" className="folder-list">
            <li>
              <button
                type="button"
                aria-pressed={folderId === undefined}
                onClick={() => narrow({ folderId: undefined })}
              >
                All components
              </button>
            </li>
            {folders.data.items.map((f) => (
              <li key={f.id}>
                <button
                  type="button"
                  aria-pressed={folderId === f.id}
                  onClick={() => narrow({ folderId: f.id })}
                >
                  {f.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {mayDesign && <CreateFolderForm />}
      </aside>

      <section aria-labelledby="components-title" className="components">
        <h1 id="components-title">Components</h1>
        {shownFolder && mayDesign && (
          <FolderActions
            key={shownFolder.id}
            folder={shownFolder}
            onDeleted={() => narrow({ folderId: undefined })}
          />
        )}
        <div className="toolbar">
          <SearchBox value={search} onChange={(q) => narrow({ search: q })} />
          <label>
            Type
            <select
              value={type ?? ''}
              onChange={(e) => narrow({ type: (e.target.value || undefined) as ComponentType })}
            >
              <option value="">All types</option>
              {componentTypes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Sort by
            <select value={sort} onChange={(e) => narrow({ sort: e.target.value as typeof sort })}>
              <option value="name">Name</option>
              <option value="changed">Last changed</option>
            </select>
          </label>
        </div>
        {mayDesign && (
          <BulkActions
            selected={shown.filter((c) => selected.has(c.id))}
            folders={folders.data?.items ?? []}
            onDone={() => setSelected(new Set())}
          />
        )}
        {components.isPending ? (
          <Loading what="components" />
        ) : components.isError ? (
          <Failed what="components" error={components.error} retry={() => components.refetch()} />
        ) : components.data.items.length === 0 ? (
          <Empty>
            {search.trim() || type
              ? 'No component matches this search here.'
              : mayDesign
                ? 'No component here yet. Create one below.'
                : 'No component here yet.'}
          </Empty>
        ) : (
          <table aria-label="Components" aria-busy={components.isPlaceholderData}>
            <thead>
              <tr>
                {mayDesign && (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select all shown"
                      checked={shown.length > 0 && shown.every((c) => selected.has(c.id))}
                      onChange={(e) => setSelected(new Set(e.target.checked ? shown.map((c) => c.id) : []))}
                    />
                  </th>
                )}
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Folder</th>
                <th scope="col">Revision</th>
                <th scope="col">Changed</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <ComponentRow
                  key={c.id}
                  component={c}
                  folders={folders.data?.items ?? []}
                  selected={selected.has(c.id)}
                  onSelect={(on) => select(c.id, on)}
                  mayDesign={mayDesign}
                />
              ))}
            </tbody>
          </table>
        )}
        {page && components.data.total > PAGE && <Pager of="components" page={page} go={goTo} />}
        {mayDesign && (
          <>
            <CreateComponentForm folders={folders.data?.items ?? []} defaultFolderId={folderId} />
            <SandboxConnect folderId={folderId} />
            <ImportBundleForm folderId={folderId} />
          </>
        )}
      </section>
    </div>
  );
}
