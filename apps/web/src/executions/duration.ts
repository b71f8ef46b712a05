/** How long an execution took (or has taken so far, at `now`), as people say it: 850 ms, 4.2 s, 3 min 5 s. */
export function took(
  e: { startedAt: string | null; finishedAt: string | null },
  now = Date.now(),
): string | undefined {
  if (!e.startedAt) return undefined;
  const ms = (e.finishedAt ? Date.parse(e.finishedAt) : now) - Date.parse(e.startedAt);
  if (!(ms >= 0)) return undefined;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
