import type { EntitySetList, Profile } from '@flowline/contracts';
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
