/** `{ email: 'a@b', fields: ['role'] }` → `email: a@b · fields: role`. */
export function auditDetail(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail)
    .map(
      ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : v}`,
    )
    .join(' · ');
}
