import { type ComponentType, componentTypes } from '@flowline/contracts';
import { useAddress } from '../frame/use-address.js';

export interface ExplorerFilter {
  folderId?: string;
  type?: ComponentType;
  search: string;
  sort: 'name' | 'changed';
}

/**
 * The folder, type, search, sort and page the Components page shows, kept in its address: back from
 * a component, a reload or a shared link shows the same list.
 */
export function useExplorerAddress() {
  const { params, change: set } = useAddress();
  const type = params.get('type');
  const filter: ExplorerFilter = {
    folderId: params.get('folder') || undefined,
    type: componentTypes.includes(type as ComponentType) ? (type as ComponentType) : undefined,
    search: params.get('q') ?? '',
    sort: params.get('sort') === 'changed' ? 'changed' : 'name',
  };
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const change = (patch: Partial<ExplorerFilter> & { offset?: number }) =>
    set({
      ...('folderId' in patch && { folder: patch.folderId }),
      ...('type' in patch && { type: patch.type }),
      ...('search' in patch && { q: patch.search }),
      ...('sort' in patch && { sort: patch.sort === 'changed' ? 'changed' : undefined }),
      offset: patch.offset,
    });
  return { filter, offset, change };
}
