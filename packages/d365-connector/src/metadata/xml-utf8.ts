/**
 * Helpers for scanning UTF-8 bytes read as Latin-1 text (one character per byte, which is what
 * `buffer.toString('latin1')` gives at memory speed): XML markup is ASCII, so it scans the same, and
 * only the names, values and text that hold bytes ≥ 0x80 need decoding.
 */

import { isAscii, isUtf8 } from 'node:buffer';

const HIGH = /[\u0080-\u00ff]/g;

/** Offset of the first byte ≥ 0x80 at or after `from`, or the text's length. */
export function nextHighByte(text: string, from: number): number {
  HIGH.lastIndex = from;
  const match = HIGH.exec(text);
  return match ? match.index : text.length;
}

/** Decodes UTF-8 bytes held one per character. */
export function decodeUtf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/**
 * How many UTF-16 units (what a column counts in a decoded string) UTF-8 bytes held one per character
 * encode: continuation bytes add none, a four-byte sequence's lead byte two (a surrogate pair).
 */
export function charCount(latin1: string): number {
  let count = latin1.length;
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    if (c >= 0x80 && c < 0xc0) count--;
    else if (c >= 0xf0) count++;
  }
  return count;
}

/** How many UTF-8 bytes the first `chars` characters of `text` take. */
export function utf8Length(text: string, chars: number): number {
  return Buffer.byteLength(text.slice(0, chars), 'utf8');
}

/**
 * Where the bytes ≥ 0x80 of a UTF-8 document are, as runs found once with the native ASCII check over
 * blocks (documents are mostly ASCII), so the scanner never searches the text for them. Blocks of
 * 64 KiB, then of 4 KiB and 256 bytes inside those that are not ASCII: the bytes are read one by one
 * only where they must be (Graph's 83 such bytes lie in 20 of its 859 blocks of 4 KiB).
 */
export class HighBytes {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private index = 0;
  /** Where the search has got to: a run may go on past the block it was found in. */
  private scanned: number;

  /** `offset`: where the scanned text starts in `bytes` (after a BOM); positions are relative to it. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly offset = 0,
  ) {
    this.scanned = offset;
    this.search(bytes, offset, bytes.length, 1 << 16);
  }

  /** Finds the runs in bytes[from, to), checking blocks of `block` bytes and then of a sixteenth of it. */
  private search(bytes: Uint8Array, from: number, to: number, block: number): void {
    for (let b = from; b < to; b += block) {
      const end = Math.min(b + block, to);
      if (end <= this.scanned || isAscii(bytes.subarray(b, end))) continue;
      if (block > 256) {
        this.search(bytes, b, end, block >> 4);
        continue;
      }
      for (let i = Math.max(b, this.scanned); i < end; i++) {
        if (bytes[i]! < 0x80) continue;
        const start = i;
        while (i < bytes.length && bytes[i]! >= 0x80) i++;
        this.starts.push(start - this.offset);
        this.ends.push(i - this.offset);
        this.scanned = i;
      }
    }
  }

  /**
   * Whether the bytes are UTF-8. Its multi-byte sequences are made of bytes ≥ 0x80 only, so they are
   * if every run is: the rest is ASCII, and need not be read again.
   */
  isUtf8(): boolean {
    for (let i = 0; i < this.starts.length; i++) {
      const run = this.bytes.subarray(this.starts[i]! + this.offset, this.ends[i]! + this.offset);
      if (!isUtf8(run)) return false;
    }
    return true;
  }

  /** Offset of the first byte ≥ 0x80 at or after `from`, or -1 (fastest when asked with growing offsets). */
  next(from: number): number {
    if (this.index > 0 && this.ends[this.index - 1]! > from) this.index = 0;
    while (this.index < this.ends.length && this.ends[this.index]! <= from) this.index++;
    return this.index < this.starts.length ? Math.max(this.starts[this.index]!, from) : -1;
  }
}
