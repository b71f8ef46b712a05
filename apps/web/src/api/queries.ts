import type {
  Component,
  ComponentList,
  ComponentType,
  ConnectSandbox,
  CreateComponent,
  CreateFolder,
  Folder,
  FolderList,
  LocalSandbox,
  SandboxExample,
} from '@flowline/contracts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

type ComponentFilter = {
  type?: ComponentType;
  folderId?: string;
  search?: string;
  sort?: 'name' | 'changed';
};

export const keys = {
  folders: ['folders'] as const,
  components: (filter: ComponentFilter & { offset?: number }) => ['components', filter] as const,
  everyComponent: (type: ComponentType) => ['components', 'every', type] as const,
};

/** The most the API answers at once. */
const MOST = 500;

export function useFolders() {
  return useQuery({ queryKey: keys.folders, queryFn: () => api<FolderList>('/api/folders') });
}

/** One page of components (`limit` of them from `offset`), for lists that page. */
export function useComponents(filter: ComponentFilter & { offset?: number; limit?: number }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, String(v));
  return useQuery({
    queryKey: keys.components(filter),
    queryFn: () => api<ComponentList>(`/api/components?${params}`),
    // Typing in the search box shows the last answer until the next one, not "Loading…" per key. Another
    // folder, type, order or page shows "Loading…": its predecessor's rows would pass for its own, and
    // could be selected for a bulk action meant for the new list.
    placeholderData: (previous, previousQuery) =>
      previousQuery && onlySearchDiffers(previousQuery.queryKey[1], filter) ? previous : undefined,
  });
}

function onlySearchDiffers(a: ComponentFilter & { offset?: number }, b: typeof a): boolean {
  return (
    a.folderId === b.folderId && a.type === b.type && a.sort === b.sort && (a.offset ?? 0) === (b.offset ?? 0)
  );
}

/**
 * Every component of a type, for pickers (the palette, operation and process choosers): the API answers
 * a page at a time, and a picker holding only the first would silently lack the rest.
 */
export function useEveryComponent(type: ComponentType) {
  return useQuery({
    queryKey: keys.everyComponent(type),
    queryFn: async () => {
      const items: ComponentList['items'] = [];
      for (;;) {
        const page = await api<ComponentList>(
          `/api/components?type=${type}&limit=${MOST}&offset=${items.length}`,
        );
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return { items, total: page.total };
      }
    },
  });
}

export function useCreateFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFolder) => api<Folder>('/api/folders', { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.folders }),
  });
}

export function useRenameFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api<Folder>(`/api/folders/${id}`, { method: 'PATCH', json: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.folders }),
  });
}

export function useDeleteFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/folders/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.folders }),
  });
}

export function useCreateComponent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateComponent) =>
      api<Component>('/api/components', { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['components'] }),
  });
}

/** Whether the local D365 sandbox runs beside the server, and the connections that reach it. */
export function useLocalSandbox() {
  return useQuery({ queryKey: ['sandbox'], queryFn: () => api<LocalSandbox>('/api/sandbox') });
}

export function useConnectSandbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectSandbox) =>
      api<Component>('/api/sandbox/connection', { method: 'POST', json: input }),
    onSuccess: () => afterSandboxMade(client),
  });
}

/** The example process on the sandbox, in a folder of its own. */
export function useSandboxExample() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<SandboxExample>('/api/sandbox/example', { method: 'POST', json: {} }),
    onSuccess: () =>
      Promise.all([afterSandboxMade(client), client.invalidateQueries({ queryKey: keys.folders })]),
  });
}

function afterSandboxMade(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['components'] }),
    client.invalidateQueries({ queryKey: ['sandbox'] }),
  ]);
}
