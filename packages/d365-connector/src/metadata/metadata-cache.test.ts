import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { MetadataCache } from './metadata-cache.js';
import { parseMetadataSync } from './parse-metadata.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('MetadataCache', () => {
  it('parses a document once, keyed by the hash of its bytes, and again only when it changes', () => {
    const cache = new MetadataCache();
    const first = Buffer.from(FNO_METADATA, 'utf8');
    const model = cache.parse('https://a', first);
    expect(model.hash).toBe(sha256(first));
    expect(model).toEqual(parseMetadataSync(first));
    // The same bytes for another service: the model already known, not a new parse.
    expect(cache.parse('https://b', Buffer.from(first))).toBe(model);
    const changed = Buffer.from(FNO_METADATA.replace('</edmx:Edmx>', '<!-- v2 --></edmx:Edmx>'), 'utf8');
    const next = cache.parse('https://a', changed);
    expect(next).not.toBe(model);
    expect(next.hash).toBe(sha256(changed));
    expect(cache.get('https://a')).toBe(next);
    expect(cache.get('https://b')).toBe(model);
  });
});
