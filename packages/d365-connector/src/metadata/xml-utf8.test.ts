import { describe, expect, it } from 'vitest';
import { charCount, decodeUtf8, HighBytes, nextHighByte } from './xml-utf8.js';

describe('UTF-8 bytes read as Latin-1', () => {
  it('finds every byte ≥ 0x80, runs across block boundaries included, asked in any order', () => {
    // Multi-byte characters straddling the 4 KiB blocks the finder checks at once, after a BOM.
    const text = `${'a'.repeat(4094)}日本${'b'.repeat(5000)}é${'c'.repeat(3000)}😀`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const latin1 = bytes.toString('latin1', 3);
    const high = new HighBytes(bytes, 3);
    const froms = [0, 4093, 4094, 4096, 4100, 9000, 9099, 9100, 9101, 12103, 12104, latin1.length];
    for (const from of [...froms, ...froms.reverse()]) {
      const expected = nextHighByte(latin1, from);
      expect(high.next(from), `from ${from}`).toBe(expected === latin1.length ? -1 : expected);
    }
    expect(decodeUtf8(latin1)).toBe(text);
    expect(charCount(latin1)).toBe(text.length); // UTF-16 units, as columns count in decoded text
  });

  it('finds runs at and across the edges of every block size it checks (256 B, 4 KiB, 64 KiB)', () => {
    const bytes = Buffer.alloc(3 * 65536 + 100, 'a');
    const at = [0, 255, 256, 511, 4095, 4096, 8190, 65535, 65536, 65537, 2 * 65536 - 2, 3 * 65536 + 99];
    for (const offset of at) bytes[offset] = 0xc3;
    bytes.fill(0xe2, 70000, 70000 + 300); // a run longer than the smallest block
    const latin1 = bytes.toString('latin1');
    const high = new HighBytes(bytes);
    for (let from = 0; from <= bytes.length; from += 97) {
      const expected = nextHighByte(latin1, from);
      expect(high.next(from), `from ${from}`).toBe(expected === latin1.length ? -1 : expected);
    }
    for (const offset of [...at, 70000, 70299]) expect(high.next(offset)).toBe(offset);
  });
});
