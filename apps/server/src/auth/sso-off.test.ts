import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../test/test-app.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('single sign-on when it is not configured', () => {
  it('says it is off, and its routes answer 404 with a reason', async () => {
    expect((await t.app.inject('/api/auth/sso')).json()).toEqual({ enabled: false });
    for (const url of ['/api/auth/sso/start', '/api/auth/sso/callback?code=x&state=y']) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('Single sign-on is not configured on this server.');
    }
  });

  it('lists its routes in the OpenAPI document', async () => {
    const docs = (await (await t.as('viewer')).get('/api/docs/json')).json() as {
      paths: Record<string, unknown>;
    };
    for (const path of ['/api/auth/sso', '/api/auth/sso/start', '/api/auth/sso/callback']) {
      expect(docs.paths[path], path).toHaveProperty('get');
    }
  });
});
