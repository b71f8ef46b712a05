/** Whether `c` may start an XML name (ASCII letters, `_`, `:`, or any non-ASCII character). */
export function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
}

/** XML's four whitespace characters. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Whether `c` may end a start tag's name or follow an attribute value: whitespace, `>` or `/`. */
export function endsName(c: number): boolean {
  return isSpace(c) || c === 62 || c === 47;
}

/** Offset of the first character that no name may hold in buf[start, end), or -1. */
export function invalidNameChar(buf: string, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const ch = buf.charCodeAt(k);
    if (isSpace(ch) || ch === 60 || ch === 62 || ch === 34 || ch === 39) return k;
  }
  return -1;
}

/** Character codes of a text (see `XmlText.codes`). */
export type Codes = Uint8Array | Uint16Array;

/** Whether `codes` hold `part` at `start` (a loop: `startsWith` is slow on all but the shortest strings). */
export function holdsAt(codes: Codes, start: number, part: string): boolean {
  for (let k = 0; k < part.length; k++) if (codes[start + k] !== part.charCodeAt(k)) return false;
  return true;
}

/**
 * A hash of a short text's every character, and of a long one's length and six characters: the last
 * three (F&O's 9,000 label ids `@SYS302909` differ there) and three further in (type names share
 * their namespace and often their last characters). Hashing every character of long texts would cost
 * more than the comparisons it spares.
 */
export function hashOf(codes: Codes, start: number, end: number): number {
  const n = end - start;
  if (n > 16) {
    const last = end - 1;
    const half = codes[start + (n >> 1)]!;
    const quarter = codes[start + (n >> 2)]!;
    const threeQuarters = codes[start + ((n * 3) >> 2)]!;
    return mix(n, codes[last]!, codes[last - 1]!, codes[last - 2]!, half, quarter, threeQuarters);
  }
  let h = Math.imul(n, 0x9e3779b1);
  for (let k = start; k < end; k++) h = Math.imul(h, 31) + codes[k]!;
  return h;
}

/** `hashOf` a string's codes (for texts not read from a scanner's buffer). */
export function hashOfText(text: string): number {
  const n = text.length;
  if (n > 16) {
    const half = text.charCodeAt(n >> 1);
    const quarter = text.charCodeAt(n >> 2);
    const threeQuarters = text.charCodeAt((n * 3) >> 2);
    const last = n - 1;
    return mix(
      n,
      text.charCodeAt(last),
      text.charCodeAt(last - 1),
      text.charCodeAt(last - 2),
      half,
      quarter,
      threeQuarters,
    );
  }
  let h = Math.imul(n, 0x9e3779b1);
  for (let k = 0; k < n; k++) h = Math.imul(h, 31) + text.charCodeAt(k);
  return h;
}

/** The hash of a long text's length and six of its characters. */
function mix(n: number, a: number, b: number, c: number, d: number, e: number, f: number): number {
  let h = Math.imul(n, 0x9e3779b1);
  h = Math.imul(h, 31) + a;
  h = Math.imul(h, 31) + b;
  h = Math.imul(h, 31) + c;
  h = Math.imul(h, 31) + d;
  h = Math.imul(h, 31) + e;
  return Math.imul(h, 31) + f;
}

/** Fibonacci hashing: the product's top bits mix all of the hash's bits. */
function firstSlot(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> shift;
}

/** Slots a lookup tries before giving up: a document of colliding values must not make it quadratic. */
const MAX_PROBES = 16;

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

/**
 * The engine's own copy of `text` (the one literals and property keys use): storing an object's
 * property under it skips the lookup in the engine's string table that any other string costs on
 * every store, and comparing it with a literal is a pointer compare. Costs a few hundred nanoseconds.
 */
export function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

/** `text` as a flat string that holds no reference to the text it was sliced from (see `copyOf`). */
export function detached(text: string): string {
  return copyOf(text, 0, text.length);
}

/**
 * Strings that repeat (element and attribute names, type names, terms), each kept once: a text found
 * again is answered with the kept string, so the same few strings are shared, not copied each time,
 * and hash once when used as keys. An open-addressing table (one array of strings, one of their
 * hashes) rather than a list per bucket: the table lives as long as the parse, and the collector
 * copies every object it holds at each collection (ten thousand bucket lists were 2 MB of such
 * objects). Compared with `===` after the hash (a memory compare, much cheaper than `startsWith` or
 * hashing a fresh string into a Map).
 */
export class StringPool {
  // Filled up front: an array written at scattered indices would turn into a slow dictionary.
  private slots: (string | undefined)[];
  private hashes: Int32Array;
  /** 32 less the table's size in bits: a hash's top bits pick its first slot. */
  private shift: number;
  private size = 0;

  /**
   * `bits`: the table starts with 2^bits slots (it doubles when half full: a document's values would
   * otherwise rehash a few times over). `limit`: the most strings kept (a document of distinct values
   * must not grow the table without end). `engineCopies`: keep the engine's own copy of each string
   * (see `internalized`): for pools of few strings that are compared often (element names).
   */
  constructor(
    bits: number,
    private readonly limit: number,
    private readonly engineCopies = false,
  ) {
    this.slots = new Array<string | undefined>(1 << bits).fill(undefined);
    this.hashes = new Int32Array(1 << bits);
    this.shift = 32 - bits;
  }

  /** The kept string equal to `text`, keeping a detached copy of it if there is none yet (and room). */
  share(text: string): string {
    return this.shareHashed(text, hashOfText(text));
  }

  /** `share(text)`, for a text whose `hashOf` the caller computed (from a scanner's codes). */
  shareHashed(text: string, hash: number): string {
    if (text.length === 0) return text;
    const slot = this.slotOf(text, hash);
    if (slot >= 0 && this.slots[slot] !== undefined) return this.slots[slot];
    const kept = this.engineCopies ? internalized(text) : detached(text);
    if (slot >= 0 && this.size < this.limit) {
      this.slots[slot] = kept;
      this.hashes[slot] = hash;
      if (++this.size * 2 > this.slots.length) this.grow();
    }
    return kept;
  }

  /** The kept string equal to `text`, or undefined. */
  find(text: string): string | undefined {
    if (text.length === 0) return undefined;
    const slot = this.slotOf(text, hashOfText(text));
    return slot < 0 ? undefined : this.slots[slot];
  }

  /** The slot holding `text`, or the empty one where it would go; -1 when none is near enough. */
  private slotOf(text: string, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = firstSlot(hash, this.shift);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      slot = (slot + probe) & mask;
      const kept = this.slots[slot];
      if (kept === undefined || (this.hashes[slot] === hash && kept === text)) return slot;
    }
    return -1;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Array<string | undefined>(slots.length * 2).fill(undefined);
    this.hashes = new Int32Array(slots.length * 2);
    this.shift--;
    for (let i = 0; i < slots.length; i++) {
      const kept = slots[i];
      if (kept === undefined) continue;
      // The kept strings are distinct, so this finds an empty slot; one past the probes a lookup
      // makes could never be found again, so the string is let go.
      const slot = this.slotOf(kept, hashes[i]!);
      if (slot < 0) {
        this.size--;
        continue;
      }
      this.slots[slot] = kept;
      this.hashes[slot] = hashes[i]!;
    }
  }
}
