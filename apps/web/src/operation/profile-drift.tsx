import type { ProfileDrift as Drift } from '@flowline/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';

/** Whether the saved profile snapshot still matches the service's `$metadata`, and what changed. */
export function ProfileDrift({ operationId, enabled }: { operationId: string; enabled: boolean }) {
  const drift = useQuery({
    queryKey: ['profile-drift', operationId],
    queryFn: () => api<Drift>(`/api/operations/${operationId}/profile-drift`),
    enabled,
    staleTime: 60_000,
  });
  if (!enabled || drift.isPending) return null;
  if (drift.isError)
    return (
      <p className="hint" role="status">
        Could not compare the profile with $metadata: {drift.error.message}
      </p>
    );
  const d = drift.data;
  if (d.upToDate)
    return (
      <p className="ok" role="status">
        The profile matches the service's $metadata.
      </p>
    );
  return (
    <div role="status" className="warn">
      <p>
        The service's $metadata changed since this profile was taken: {d.added.length} added,{' '}
        {d.removed.length} removed, {d.changed.length} changed. Pick the entity set again to take the new
        profile.
      </p>
      <ul className="plain-list">
        {d.removed.map((f) => (
          <li key={`r-${f}`}>removed: {f}</li>
        ))}
        {d.changed.map((c) => (
          <li key={`c-${c.field}`}>
            {c.field}: {c.before} → {c.after}
          </li>
        ))}
        {d.added.slice(0, 20).map((f) => (
          <li key={`a-${f}`}>added: {f}</li>
        ))}
      </ul>
    </div>
  );
}
