import type { ProfileDrift as Drift, Profile } from '@flowline/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { takeLabels } from './take-labels.js';

/**
 * Whether the saved profile snapshot still matches the service's `$metadata`, and what changed; and
 * the F&O labels it took as ids (their first read took too long) that are known now, to take.
 */
export function ProfileDrift({
  operationId,
  enabled,
  profile,
  onTakeLabels,
}: {
  operationId: string;
  enabled: boolean;
  profile: Profile;
  onTakeLabels: (labels: Record<string, string>) => void;
}) {
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
  // Measured on the profile shown: once taken (and saved), the answer cached here is no news.
  const labelled = takeLabels(profile, d.labels ?? {});
  const labels = labelled.taken > 0 && (
    <p className="hint">
      {labelled.taken} labels show as F&O label ids (@SYS…): they were not known yet when this profile was
      taken, and are now.{' '}
      <button type="button" onClick={() => onTakeLabels(d.labels ?? {})}>
        Take the labels
      </button>
    </p>
  );
  if (d.upToDate)
    return (
      <>
        <p className="ok" role="status">
          The profile matches the service's $metadata.
        </p>
        {labels}
      </>
    );
  return (
    <div role="status" className="warn">
      {labels}
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
