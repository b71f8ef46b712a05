/** Whether `c` may start an XML name (ASCII letters, `_`, `:`, or any non-ASCII character). */
export function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
}

/** XML's four whitespace characters. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Offset of the first character that no name may hold in buf[start, end), or -1. */
export function invalidNameChar(buf: string, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const ch = buf.charCodeAt(k);
    if (isSpace(ch) || ch === 60 || ch === 62 || ch === 34 || ch === 39) return k;
  }
  return -1;
}

/** Whether `text` holds `part` at `start` (a loop: `startsWith` is slow on all but the shortest strings). */
export function holdsAt(text: string, start: number, part: string): boolean {
  for (let k = 0; k < part.length; k++) if (text.charCodeAt(start + k) !== part.charCodeAt(k)) return false;
  return true;
}

const BUCKETS = 16384;

/**
 * A bucket from the length and four characters: type names share long prefixes and often their last
 * character, so the middle and the end both count.
 */
function bucketOf(text: string): number {
  const n = text.length;
  const h =
    n * 31 +
    text.charCodeAt(n - 1) * 7 +
    text.charCodeAt(n >> 1) * 131 +
    text.charCodeAt((n * 3) >> 2) * 17 +
    text.charCodeAt(n >> 2) * 1021;
  return h & (BUCKETS - 1);
}

/**
 * A copy of text[start, end) that holds no reference to `text`, as a flat string. V8 answers a slice
 * of 13 characters or more as a view into its parent: kept in the model, one such view would hold the
 * whole scanned document in memory for as long as the model lives, and comparing a view with another
 * string takes a slow path (50 ns against 10). A concatenation, once flattened, owns a copy of its
 * characters and drops the parts it was made of; shorter slices are copies already.
 */
export function copyOf(text: string, start: number, end: number): string {
  if (end - start < 13) return text.slice(start, end);
  const joined = text[start]! + text.slice(start + 1, end);
  joined.charCodeAt(1); // flattens the concatenation into one new string
  return joined;
}

/** `text` as a flat string that holds no reference to the text it was sliced from (see `copyOf`). */
export function detached(text: string): string {
  return copyOf(text, 0, text.length);
}

/**
 * Strings that repeat (element and attribute names, type names, terms), each kept once: a text found
 * again is answered with the kept string, so the same few strings are shared, not copied each time,
 * and hash once when used as keys. Buckets by length and four characters, compared with `===` (a
 * memory compare, much cheaper than `startsWith` or hashing a fresh string into a Map).
 */
export class StringPool {
  // Filled up front: an array written at scattered indices would turn into a slow dictionary.
  private readonly buckets: (string[] | undefined)[] = new Array<string[] | undefined>(BUCKETS).fill(
    undefined,
  );

  /**
   * `internalized`: keep the engine's own copy of each string (the one literals and property keys
   * use), so comparing a kept name with a literal is a pointer compare. Costs a few hundred
   * nanoseconds a string: for pools of few strings that are compared often (element names).
   */
  constructor(
    private readonly perBucket: number,
    private readonly internalized = false,
  ) {}

  /** The kept string equal to `text`, keeping a detached copy of it if there is none yet (and room). */
  share(text: string): string {
    if (text.length === 0) return text;
    const key = bucketOf(text);
    let bucket = this.buckets[key];
    if (bucket) {
      for (const kept of bucket) if (kept === text) return kept;
    } else {
      bucket = [];
      this.buckets[key] = bucket;
    }
    const kept = this.internalized ? Object.keys({ [text]: 0 })[0]! : detached(text);
    if (bucket.length < this.perBucket) bucket.push(kept);
    return kept;
  }

  /** The kept string equal to `text`, or undefined. */
  find(text: string): string | undefined {
    if (text.length === 0) return undefined;
    const bucket = this.buckets[bucketOf(text)];
    if (bucket) for (const kept of bucket) if (kept === text) return kept;
    return undefined;
  }
}
