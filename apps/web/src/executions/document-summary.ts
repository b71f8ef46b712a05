/** Fields a document's line shows, and how much of each value. */
const FIELDS = 3;
const LONGEST = 40;

/**
 * A document's first few filled values, `CustomerAccount US-001 · OrganizationName Contoso`, so a
 * list of documents says which record each is without opening it (F&O lists an entity's key first).
 * Annotations (`@odata.etag`) and nested objects are left out.
 */
export function documentSummary(data: unknown): string {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (name.startsWith('@') || value === null || value === '' || typeof value === 'object') continue;
    const text = String(value);
    parts.push(`${name} ${text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text}`);
    if (parts.length === FIELDS) break;
  }
  return parts.join(' · ');
}
