import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPlugin } from './web.plugin.js';

// A built web app in miniature: an index and one hashed asset.
let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'flowline-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Flowline</title>');
  writeFileSync(join(root, 'assets', 'map-editor-Ab12Cd34.js'), 'export const x = 1;');
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

  it('answers 404, not the index, for an asset that is not there (one of an older version)', async () => {
    const res = await app.inject('/assets/map-editor-Old00000.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type'] ?? '').not.toContain('text/html');
  });

  it('leaves unknown API routes to the API', async () => {
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
  });
});
