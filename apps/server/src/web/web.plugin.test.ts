import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPlugin } from './web.plugin.js';

// A built web app in miniature: an index and one hashed asset.
let root: string;
const script = 'export const x = 1;';
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'flowline-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Flowline</title>');
  writeFileSync(join(root, 'assets', 'map-editor-Ab12Cd34.js'), script);
  writeFileSync(join(root, 'assets', 'map-editor-Ab12Cd34.js.br'), brotliCompressSync(script));
  app = Fastify();
  await app.register(webPlugin, { root });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('webPlugin', () => {
  it('answers the index at the root and at any route of the app, asked for again each time', async () => {
    for (const url of ['/', '/components/5b0c', '/executions?status=failed']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('lets the browser keep a hashed asset for a year', async () => {
    const res = await app.inject('/assets/map-editor-Ab12Cd34.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the Brotli copy to a browser that accepts it, the plain file to one that does not', async () => {
    const compressed = await app.inject({
      url: '/assets/map-editor-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['content-type']).toContain('javascript');
    expect(compressed.headers.vary).toContain('accept-encoding');
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(script);
    const plain = await app.inject({
      url: '/assets/map-editor-Ab12Cd34.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('answers 404, not the index, for an asset that is not there (one of an older version)', async () => {
    const res = await app.inject('/assets/map-editor-Old00000.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type'] ?? '').not.toContain('text/html');
  });

  it('leaves unknown API routes to the API', async () => {
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
  });
});
