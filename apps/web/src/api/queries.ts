import type {
  Component,
  ComponentList,
  ComponentType,
  CreateComponent,
  CreateFolder,
  Folder,
  FolderList,
} from '@flowline/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

export const keys = {
  folders: ['folders'] as const,
  components: (filter: { type?: ComponentType; folderId?: string; search?: string }) =>
    ['components', filter] as const,
};

export function useFolders() {
  return useQuery({ queryKey: keys.folders, queryFn: () => api<FolderList>('/api/folders') });
}

export function useComponents(filter: { type?: ComponentType; folderId?: string; search?: string }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return useQuery({
    queryKey: keys.components(filter),
    queryFn: () => api<ComponentList>(`/api/components?${params}`),
    // Typing in the search box shows the last answer until the next one, not "Loading…" per key.
    placeholderData: keepPreviousData,
  });
}

export function useCreateFolder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFolder) => api<Folder>('/api/folders', { method: 'POST', json: input }),
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
