/** Failures by code (`ShapeCounters.failedBy`), the most common first: `2 × 412, 1 × ValidationError`. */
export function failuresText(failedBy: Record<string, number>): string {
  return Object.entries(failedBy)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, n]) => `${n} × ${code}`)
    .join(', ');
}
