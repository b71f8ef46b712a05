import { describe, expect, it } from 'vitest';
import { hashOf, hashOfText, holdsAt, StringPool } from './xml-names.js';

/** `text` as a string that is equal to it but not the same object (as a slice of a document is). */
const fresh = (text: string) => `#${text}`.slice(1);

describe('StringPool', () => {
  it('answers an equal text with the string it kept, and keeps each distinct one once', () => {
    const pool = new StringPool(4, 1000);
    const first = pool.share(fresh('Edm.String'));
    expect(pool.share(fresh('Edm.String'))).toBe(first);
    expect(pool.find(fresh('Edm.String'))).toBe(first);
    expect(pool.share(fresh('Edm.Int32'))).toBe('Edm.Int32');
    expect(pool.find('Edm.Decimal')).toBeUndefined();
    expect(pool.share('')).toBe('');
  });

  it('keeps every string through the table doubling, thousands of them', () => {
    const pool = new StringPool(4, 1 << 17);
    const names = Array.from({ length: 20_000 }, (_, i) => `microsoft.graph.type${i}`);
    const kept = names.map((n) => pool.share(fresh(n)));
    expect(kept).toEqual(names);
    for (let i = 0; i < names.length; i += 997) expect(pool.find(fresh(names[i]!))).toBe(kept[i]);
  });

  it('stays bounded: past its limit, and for texts that all hash alike, it answers copies', () => {
    const limited = new StringPool(4, 10);
    for (let i = 0; i < 20; i++) limited.share(fresh(`value${i}`));
    expect(limited.find('value3')).toBe('value3');
    expect(limited.find('value15')).toBeUndefined();
    expect(limited.share(fresh('value15'))).toBe('value15');
    // Long texts of one length, alike where the hash looks (the last three characters, three further
    // in), differing only at the start: all one probe sequence.
    const pool = new StringPool(10, 1 << 17);
    const alike = Array.from({ length: 200 }, (_, i) => `a${String(i).padStart(3, '0')}aaaaaaaaaaaaa`);
    const started = performance.now();
    for (let round = 0; round < 50; round++)
      for (const text of alike) expect(pool.share(fresh(text))).toBe(text);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('hashOf and holdsAt', () => {
  it("hash a text's character codes as they hash the text, bytes or UTF-16, anywhere in a buffer", () => {
    const texts = [
      '',
      'Name',
      'Edm.String',
      'sixteen chars...',
      'Microsoft.Dynamics.DataEntities.NoYes',
      '@SYS302909',
    ];
    for (const text of texts) {
      const bytes = Buffer.from(`<a x="${text}"/>`, 'latin1');
      const utf16 = Uint16Array.from(`..${text}`, (c) => c.charCodeAt(0));
      expect(hashOf(bytes, 6, 6 + text.length)).toBe(hashOfText(text));
      expect(hashOf(utf16, 2, 2 + text.length)).toBe(hashOfText(text));
      expect(holdsAt(bytes, 6, text)).toBe(true);
    }
    expect(hashOfText('日本')).toBe(hashOf(Uint16Array.of(0x65e5, 0x672c), 0, 2));
    expect(holdsAt(Buffer.from('Property'), 0, 'Propertz')).toBe(false);
  });
});
