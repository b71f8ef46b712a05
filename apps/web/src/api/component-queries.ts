import type { Component, ComponentSummary, RevisionList, UpdateComponent, UsedBy } from '@flowline/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { draftStore } from '../editor/draft-store.js';
import { api } from './client.js';

/** The ETag the API gives a component at one revision (`"<id>.<version>"`). */
export const etagOf = (c: { id: string; version: number }) => `"${c.id}.${c.version}"`;

export const componentKey = (id: string) => ['component', id] as const;

/** One component at its current revision. */
export function useComponent(id: string) {
  return useQuery({
    queryKey: componentKey(id),
    queryFn: () => api<Component>(`/api/components/${id}`),
    // The editor keeps its own draft; refetching under it would only move the base revision.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Saves a new revision against the revision the person started from (If-Match). */
export function useSaveComponent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, change }: { version: number; change: UpdateComponent }) =>
      api<Component>(`/api/components/${id}`, {
        method: 'PUT',
        json: change,
        headers: { 'if-match': etagOf({ id, version }) },
      }),
    onSuccess: (saved) => {
      client.setQueryData(componentKey(id), saved);
      client.invalidateQueries({ queryKey: ['components'] });
      client.invalidateQueries({ queryKey: ['revisions', id] });
    },
  });
}

/** Rename or move from the explorer, against the summary's revision. */
export function useUpdateSummary() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ component, change }: { component: ComponentSummary; change: UpdateComponent }) =>
      api<Component>(`/api/components/${component.id}`, {
        method: 'PUT',
        json: change,
        headers: { 'if-match': etagOf(component) },
      }),
    onSuccess: (saved) => {
      client.setQueryData(componentKey(saved.id), saved);
      client.invalidateQueries({ queryKey: ['components'] });
    },
  });
}

/** A copy of a component's current revision (secrets included, on the server), as a new component. */
export function useCopyComponent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Component>(`/api/components/${id}/copy`, { method: 'POST', json: {} }),
    onSuccess: (copy) => {
      client.setQueryData(componentKey(copy.id), copy);
      client.invalidateQueries({ queryKey: ['components'] });
    },
  });
}

export function useDeleteComponent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/components/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      draftStore.forgetComponent(id);
      client.removeQueries({ queryKey: componentKey(id) });
      client.invalidateQueries({ queryKey: ['components'] });
    },
  });
}

/** The components whose current revision uses `id`; read again whenever components change. */
export function useUsedBy(id: string) {
  return useQuery({
    queryKey: ['components', 'used-by', id],
    queryFn: () => api<UsedBy>(`/api/components/${id}/used-by`),
  });
}

export function useRevisions(id: string) {
  return useQuery({
    queryKey: ['revisions', id],
    queryFn: () => api<RevisionList>(`/api/components/${id}/revisions`),
  });
}

/** One revision of a component, as it was saved. */
export function fetchRevision(id: string, version: number): Promise<Component> {
  return api<Component>(`/api/components/${id}/revisions/${version}`);
}

/** One revision of a component, read when `enabled` (revisions never change, so it is kept). */
export function useRevision(id: string, version: number, enabled: boolean) {
  return useQuery({
    queryKey: ['revision', id, version],
    queryFn: () => fetchRevision(id, version),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRestoreRevision(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<Component>(`/api/components/${id}/revisions/${version}/restore`, { method: 'POST' }),
    onSuccess: (saved) => {
      client.setQueryData(componentKey(id), saved);
      client.invalidateQueries({ queryKey: ['components'] });
      client.invalidateQueries({ queryKey: ['revisions', id] });
    },
  });
}
