import { type Codes, copyOf, hashOf, holdsAt, StringPool } from './xml-names.js';

/** The attributes of the element being opened; valid only during `open` (the list is reused). */
export interface XmlAttributes {
  get(name: string): string | undefined;
  /**
   * The value as a view into the scanned text: for a value used while parsing and dropped (kept in the
   * model, it would keep the whole document alive; `get` answers a copy).
   */
  peek(name: string): string | undefined;
  readonly count: number;
  nameAt(index: number): string;
  valueAt(index: number): string;
  /**
   * The same value as `valueAt`, as one shared string per distinct text: for values that repeat
   * (types, terms, `false`), so they cost no allocation and hash once when used as keys. Without its
   * first `from` and last `cut` characters if asked (`Collection(T)` read as `T`, a part of a path).
   */
  sharedValueAt(index: number, from?: number, cut?: number): string;
  /** Whether the value equals `text` (compared in place: no string made). */
  valueIs(index: number, text: string): boolean;
  /** Whether the value starts with `head` and ends with `tail` (compared in place). */
  valueWraps(index: number, head: string, tail: string): boolean;
  /** The value as a number (a plain decimal integer is read in place), `NaN` if it is not one. */
  numberAt(index: number): number;
  toRecord(): Record<string, string>;
}

/**
 * One reused list instead of an object per element, and values kept as offsets into the scanned text
 * until read: `$metadata` has hundreds of thousands of elements, and many values are never looked at.
 */
export class AttributeList implements XmlAttributes {
  /** The text the offsets point into: the scanner's buffer while the tag is handled. */
  source = '';
  /** Its character codes (see `XmlText.codes`). */
  codes: Codes = new Uint8Array(0);
  length = 0;
  private readonly names: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Values already sliced, or decoded by the scanner (those with references or line breaks). */
  private readonly values: (string | undefined)[] = [];
  /** Bounded: a document of distinct values must not grow it without end. */
  private readonly shared: StringPool;

  /**
   * `expectedLength`: the document's length, when known. Documents of a few MB hold about one distinct
   * value in 130 characters (Graph: 27,000 in 3.5 MB): the pool starts that large instead of growing to
   * it, which costs a rehash and a new table at each doubling. Larger ones hardly hold more (F&O's 38
   * MB: 30,000), and a table of 2^18 slots (3 MB) no longer fit in the processor's cache: every lookup
   * missed it, and F&O's document parsed about 5 % slower than with 2^16.
   */
  constructor(expectedLength = 0) {
    const bits = Math.min(16, Math.max(14, Math.ceil(Math.log2(expectedLength / 100))));
    this.shared = new StringPool(bits, 1 << 17);
  }

  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return this.valueAt(i);
    return undefined;
  }

  peek(name: string): string | undefined {
    for (let i = 0; i < this.length; i++)
      if (this.names[i] === name) return this.values[i] ?? this.source.slice(this.starts[i]!, this.ends[i]!);
    return undefined;
  }

  has(name: string): boolean {
    if (this.length > 32) return this.indexed(name);
    // The scanner asks for every attribute from the first one on: a new element starts a new index.
    this.index = undefined;
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return true;
    return false;
  }

  /** Names of an element with many attributes, in a set: 100,000 attributes must not cost 10^10 steps. */
  private index: Set<string> | undefined;

  private indexed(name: string): boolean {
    this.index ??= new Set();
    // Names are unique (duplicates are refused), so the set holds the first `size` of them.
    for (let i = this.index.size; i < this.length; i++) this.index.add(this.names[i]!);
    return this.index.has(name);
  }

  get count(): number {
    return this.length;
  }

  nameAt(index: number): string {
    return this.names[index]!;
  }

  valueAt(index: number): string {
    let value = this.values[index];
    if (value === undefined) {
      value = copyOf(this.source, this.starts[index]!, this.ends[index]!);
      this.values[index] = value;
    }
    return value;
  }

  sharedValueAt(index: number, from = 0, cut = 0): string {
    const decoded = this.values[index];
    if (decoded !== undefined)
      return from + cut === 0 ? decoded : this.shared.share(decoded.slice(from, decoded.length - cut));
    const start = this.starts[index]! + from;
    const end = this.ends[index]! - cut;
    // A long value (a description) is seldom found again: copied, not kept in the pool.
    if (end - start > 128) return copyOf(this.source, start, end);
    return this.shared.shareHashed(this.source.slice(start, end), hashOf(this.codes, start, end));
  }

  valueIs(index: number, text: string): boolean {
    const decoded = this.values[index];
    if (decoded !== undefined) return decoded === text;
    const start = this.starts[index]!;
    return this.ends[index]! - start === text.length && holdsAt(this.codes, start, text);
  }

  valueWraps(index: number, head: string, tail: string): boolean {
    const decoded = this.values[index];
    const length = head.length + tail.length;
    if (decoded !== undefined)
      return decoded.length >= length && decoded.startsWith(head) && decoded.endsWith(tail);
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    return (
      end - start >= length &&
      holdsAt(this.codes, start, head) &&
      holdsAt(this.codes, end - tail.length, tail)
    );
  }

  numberAt(index: number): number {
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    // Facets such as MaxLength="60": hundreds of thousands of short integers, read without a string.
    if (this.values[index] === undefined && end > start && end - start < 10) {
      let n = 0;
      for (let k = start; k < end; k++) {
        const d = this.codes[k]! - 48;
        if (d < 0 || d > 9) return Number(this.valueAt(index));
        n = n * 10 + d;
      }
      return n;
    }
    return Number(this.valueAt(index));
  }

  /** Adds a value found at source[start, end), or already `decoded` by the scanner. */
  add(name: string, start: number, end: number, decoded: string | undefined): void {
    const i = this.length;
    this.names[i] = name;
    this.starts[i] = start;
    this.ends[i] = end;
    this.values[i] = decoded;
    this.length = i + 1;
  }

  toRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (let i = 0; i < this.length; i++) record[this.names[i]!] = this.valueAt(i);
    return record;
  }
}
