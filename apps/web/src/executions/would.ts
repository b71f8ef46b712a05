/** A preview's sums (`ShapeCounts.would`) as people read them. */

const DOES: [key: string, label: string][] = [
  ['create', 'create'],
  ['update', 'update'],
  ['unchanged', 'change nothing'],
  ['delete', 'delete'],
  ['execute', 'execute'],
];
const REFUSED = 'refused:';

/** The sums of several write shapes together (the whole preview's). */
export function addWould(all: (Record<string, number> | undefined)[]): Record<string, number> | undefined {
  let sum: Record<string, number> | undefined;
  for (const would of all) {
    if (!would) continue;
    sum ??= {};
    for (const [key, n] of Object.entries(would)) sum[key] = (sum[key] ?? 0) + n;
  }
  return sum;
}

/** `3 create, 1 update, 2 refused (2 exists)`. */
export function wouldText(would: Record<string, number>): string {
  const parts = DOES.filter(([key]) => would[key]).map(([key, label]) => `${would[key]} ${label}`);
  const refusals = Object.entries(would)
    .filter(([key, n]) => key.startsWith(REFUSED) && n > 0)
    .map(([key, n]) => [key.slice(REFUSED.length), n] as const)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const refused = refusals.reduce((total, [, n]) => total + n, 0);
  if (refused > 0)
    parts.push(`${refused} refused (${refusals.map(([why, n]) => `${n} ${whyLabel(why)}`).join(', ')})`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function whyLabel(code: string): string {
  switch (code) {
    case 'no-key':
      return 'without a key';
    case 'not-found':
      return 'not found';
    case 'other':
      return 'for another reason';
    default:
      return code; // exists, changed
  }
}
