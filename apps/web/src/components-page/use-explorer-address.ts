import { type ComponentType, componentTypes } from '@flowline/contracts';
import { useSearchParams } from 'react-router';

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
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const filter: ExplorerFilter = {
    folderId: params.get('folder') || undefined,
    type: componentTypes.includes(type as ComponentType) ? (type as ComponentType) : undefined,
    search: params.get('q') ?? '',
    sort: params.get('sort') === 'changed' ? 'changed' : 'name',
  };
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const change = (patch: Partial<ExplorerFilter> & { offset?: number }) =>
    // From the address as it is by then: two changes in one tick both count.
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const set = (k: string, v: string | number | undefined) =>
          v ? next.set(k, String(v)) : next.delete(k);
        if ('folderId' in patch) set('folder', patch.folderId);
        if ('type' in patch) set('type', patch.type);
        if ('search' in patch) set('q', patch.search);
        if ('sort' in patch) set('sort', patch.sort === 'changed' ? 'changed' : undefined);
        set('offset', patch.offset);
        return next;
      },
      { replace: true },
    );
  return { filter, offset, change };
}
