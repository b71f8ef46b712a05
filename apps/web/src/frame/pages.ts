/** Where a list of `total` rows shown `size` at a time stands at `offset`, and where its neighbours start. */
export function pageAt(offset: number, size: number, total: number) {
  // An address may hold any offset: past the end, it shows the last page instead of nothing.
  const last = Math.max(0, Math.floor((total - 1) / size) * size);
  const from = Math.min(Math.max(0, Math.floor(offset)), last);
  return {
    from,
    label: total === 0 ? '0 of 0' : `${from + 1}–${Math.min(from + size, total)} of ${total}`,
    newer: from > 0 ? Math.max(0, from - size) : undefined,
    older: from + size < total ? from + size : undefined,
  };
}
