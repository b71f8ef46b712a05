/** Name similarity for auto-map: normalised forms, word tokens, edit distance. */

/** Lower-case letters and digits only: `Customer_Account` and `customerAccount` normalise alike. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words of a name: camelCase, PascalCase, snake_case, digits (`CustAccountNum2` -> cust, account, num, 2). */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .split(/[^a-zA-Z0-9]+/)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase());
}

/** Levenshtein distance (two-row dynamic programme). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Similarity in [0,1]: the better of token overlap (Dice) and normalised edit similarity. */
export function nameSimilarity(a: string, b: string): number {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (na === '' || nb === '') return 0;
  const ta = new Set(nameTokens(a));
  const tb = new Set(nameTokens(b));
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const dice = (2 * shared) / (ta.size + tb.size);
  const edit = 1 - editDistance(na, nb) / Math.max(na.length, nb.length);
  return Math.max(dice, edit);
}
