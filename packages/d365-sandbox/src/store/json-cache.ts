/**
 * Bytes of record JSON a store keeps cached. Past it, the records cached longest ago lose theirs: a
 * 100,000-customer seed would otherwise hold ~1 GB of JSON after one full read.
 */
export const JSON_CACHE_BUDGET = 256 * 1024 * 1024;

/** Something whose cached JSON can be dropped. */
export interface JsonHolder {
  dropJson(): number;
}

/** The cached-JSON bytes of one store, oldest first, bounded by a byte budget. */
export class JsonCache {
  private used = 0;
  private readonly holders = new Map<JsonHolder, number>();

  constructor(private readonly budget = JSON_CACHE_BUDGET) {}

  /** Counts a holder's new bytes (after `forget` of its old ones), evicting the oldest past the budget. */
  remember(holder: JsonHolder, bytes: number): void {
    this.holders.set(holder, bytes);
    this.used += bytes;
    for (const [oldest] of this.holders) {
      if (this.used <= this.budget || oldest === holder) break;
      this.used -= oldest.dropJson();
      this.holders.delete(oldest);
    }
  }

  /** A holder dropped its bytes itself (a write): they no longer count. */
  forget(holder: JsonHolder): void {
    const bytes = this.holders.get(holder);
    if (bytes === undefined) return;
    this.used -= bytes;
    this.holders.delete(holder);
  }

  /** Bytes held now. */
  get size(): number {
    return this.used;
  }
}
