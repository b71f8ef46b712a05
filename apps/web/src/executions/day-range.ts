/** A day as the date input gives it, `2026-11-29`. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of `day` (local time), or undefined for anything that is not a day. */
function startOf(day: string, plusDays = 0): Date | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const at = new Date(year, month, date);
  // The 30th of February would roll over into March: not a day.
  if (at.getFullYear() !== year || at.getMonth() !== month || at.getDate() !== date) return undefined;
  at.setDate(date + plusDays);
  return at;
}

/**
 * The API's `from` and `to` (instants, `to` excluded) for the days a person picks, both included, in
 * their own time zone: from the start of `from` to the end of `to`.
 */
export function dayRange(from: string, to: string): { from?: string; to?: string } {
  return {
    from: startOf(from)?.toISOString(),
    to: startOf(to, 1)?.toISOString(),
  };
}
