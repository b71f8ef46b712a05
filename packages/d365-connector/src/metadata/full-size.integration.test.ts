import { startSandbox } from '@flowline/d365-sandbox';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { toProfile } from '../profile/to-profile.js';
import { parseMetadata } from './parse-metadata.js';

describe("the sandbox's full-size $metadata", () => {
  it('streams from the network into the model; counts match an independent pass over the bytes', async () => {
    const sb = await startSandbox({ port: 0, metadata: 'full' });
    try {
      const tokenRes = await request(`${sb.url}/${sb.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: sb.clients.registered.clientId,
          client_secret: sb.clients.registered.secret,
          scope: `${sb.url}/.default`,
        }).toString(),
      });
      const { access_token: token } = (await tokenRes.body.json()) as { access_token: string };
      const res = await request(`${sb.url}/data/$metadata`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // Tee the stream: the parser gets the chunks as they arrive, the test keeps them to count.
      const chunks: Buffer[] = [];
      async function* tee() {
        for await (const chunk of res.body) {
          chunks.push(chunk as Buffer);
          yield chunk as Buffer;
        }
      }
      const model = await parseMetadata(tee());
      const xml = Buffer.concat(chunks).toString('latin1');
      expect(xml.length).toBeGreaterThan(25_000_000);
      const count = (re: RegExp) => (xml.match(re) ?? []).length;
      expect(Object.keys(model.entityTypes)).toHaveLength(count(/<EntityType /g));
      expect(Object.keys(model.entityTypes).length).toBeGreaterThanOrEqual(4000);
      expect(Object.keys(model.enumTypes)).toHaveLength(count(/<EnumType /g));
      expect(Object.keys(model.entitySets)).toHaveLength(count(/<EntitySet /g));
      const properties = Object.values(model.entityTypes).reduce((n, t) => n + t.properties.length, 0);
      const complex = Object.values(model.complexTypes).reduce((n, t) => n + t.properties.length, 0);
      expect(properties + complex).toBe(count(/<Property /g));
      const keys = Object.values(model.entityTypes).reduce((n, t) => n + (t.key?.length ?? 0), 0);
      expect(keys).toBe(count(/<PropertyRef /g));
      // Every entity set profiles.
      for (const set of Object.keys(model.entitySets))
        expect(toProfile(model, set).key.length).toBeGreaterThan(0);
    } finally {
      await sb.stop();
    }
  });
});
