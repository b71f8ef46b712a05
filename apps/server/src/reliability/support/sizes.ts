/**
 * Sizes of the reliability runs. CI always runs the full size; a person may lower it on a local
 * machine with FLOWLINE_RELIABILITY_RECORDS (ignored whenever CI is set, so CI never runs less).
 */
export function reliabilityRecords(full: number): number {
  const text = process.env.FLOWLINE_RELIABILITY_RECORDS;
  if (!text || process.env.CI) return full;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`FLOWLINE_RELIABILITY_RECORDS "${text}" is not a positive whole number.`);
  return n;
}

/** Prints a figure the way docs/reliability.md collects them. */
export function figure(name: string, value: string | number): void {
  console.log(`reliability: ${name}: ${value}`);
}
