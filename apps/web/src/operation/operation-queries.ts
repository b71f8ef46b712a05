import type { EntitySetList, OperationBody, Profile } from '@flowline/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';

/** Entity sets of a connection's `$metadata` matching the search (names, labels). */
export function useEntitySets(connectionId: string | undefined, search: string) {
  return useQuery({
    queryKey: ['entity-sets', connectionId, search],
    queryFn: () =>
      api<EntitySetList>(
        `/api/connections/${connectionId}/entity-sets?${new URLSearchParams({ search, limit: '1000' })}`,
      ),
    enabled: Boolean(connectionId),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Fetches the profile of one entity set (imperatively: it becomes the operation's snapshot). */
export function fetchProfile(connectionId: string, entitySet: string) {
  return api<{ profile: Profile; metadataHash: string }>(
    `/api/connections/${connectionId}/entity-sets/${encodeURIComponent(entitySet)}/profile`,
  );
}

/** Records read live through an operation (`POST /api/operations/:id/sample`). */
export interface Sample {
  entitySet: string;
  records: Record<string, unknown>[];
}

/** The first `top` records an operation reads: its saved revision, or `body` as being edited. */
export function readSample(operationId: string, top: number, body?: OperationBody) {
  return api<Sample>(`/api/operations/${operationId}/sample`, {
    method: 'POST',
    json: body ? { top, body } : { top },
  });
}
