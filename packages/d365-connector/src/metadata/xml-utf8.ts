/**
 * Helpers for scanning UTF-8 bytes read as Latin-1 text (one character per byte, which is what
 * `buffer.toString('latin1')` gives at memory speed): XML markup is ASCII, so it scans the same, and
 * only the names, values and text that hold bytes ≥ 0x80 need decoding.
 */

import { isAscii } from 'node:buffer';

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
 * blocks (documents are mostly ASCII), so the scanner never searches the text for them.
 */
export class HighBytes {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private index = 0;

  /** `offset`: where the scanned text starts in `bytes` (after a BOM); positions are relative to it. */
  constructor(bytes: Uint8Array, offset = 0) {
    const block = 4096;
    let scanned = offset;
    for (let b = offset; b < bytes.length; b += block) {
      const end = Math.min(b + block, bytes.length);
      if (end <= scanned || isAscii(bytes.subarray(b, end))) continue;
      // A run may have gone on past the previous block's end: resume after it.
      for (let i = Math.max(b, scanned); i < end; i++) {
        if (bytes[i]! < 0x80) continue;
        const start = i;
        while (i < bytes.length && bytes[i]! >= 0x80) i++;
        this.starts.push(start - offset);
        this.ends.push(i - offset);
        scanned = i;
      }
    }
  }

  /** Offset of the first byte ≥ 0x80 at or after `from`, or -1 (fastest when asked with growing offsets). */
  next(from: number): number {
    if (this.index > 0 && this.ends[this.index - 1]! > from) this.index = 0;
    while (this.index < this.ends.length && this.ends[this.index]! <= from) this.index++;
    return this.index < this.starts.length ? Math.max(this.starts[this.index]!, from) : -1;
  }
}
