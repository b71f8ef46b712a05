import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressFiles } from './precompress.js';

const dir = mkdtempSync(join(tmpdir(), 'flowline-precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressFiles', () => {
  it('writes Brotli and gzip copies of what browsers load, each the same bytes once decompressed', () => {
    const script = `export const rows = [${'{"name":"Contoso","city":"Oslo"},'.repeat(2000)}];\n`;
    writeFileSync(join(dir, 'index-Ab12.js'), script);
    writeFileSync(join(dir, 'index-Ab12.js.map'), '{}');
    precompressFiles(dir, ['index-Ab12.js', 'index-Ab12.js.map']);
    const br = readFileSync(join(dir, 'index-Ab12.js.br'));
    const gz = readFileSync(join(dir, 'index-Ab12.js.gz'));
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(gz).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 10);
    expect(() => readFileSync(join(dir, 'index-Ab12.js.map.br'))).toThrow(/ENOENT/);
  });
});
