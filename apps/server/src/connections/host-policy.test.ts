import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFnoClient, NetworkError } from '@flowline/d365-connector';
import { describe, expect, it } from 'vitest';
import { explain } from './connection-test.js';
import { HostPolicy } from './host-policy.js';

const refused = (policy: HostPolicy, url: string) =>
  policy.check(url, '/serviceUrl').then(
    () => false,
    () => true,
  );

describe('HostPolicy', () => {
  const none = new HostPolicy([]);

  it.each([
    'http://127.0.0.1:5432',
    'http://localhost:3000',
    'http://[::1]:80',
    'http://10.1.2.3',
    'http://172.20.0.1',
    'http://192.168.1.1',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0:3000',
  ])('refuses %s by default', async (url) => {
    expect(await refused(none, url)).toBe(true);
  });

  it('lets public addresses through', async () => {
    expect(await refused(none, 'https://8.8.8.8/data')).toBe(false);
  });

  it('names the field and the kind of address', async () => {
    await expect(none.check('http://169.254.169.254', '/proxy/url')).rejects.toMatchObject({
      status: 422,
      extra: { errors: [{ path: '/body/proxy/url' }] },
    });
  });

  it('allows what an administrator lists: a host and port, a host, an address range, or everything', async () => {
    expect(await refused(new HostPolicy(['127.0.0.1:4010']), 'http://127.0.0.1:4010')).toBe(false);
    expect(await refused(new HostPolicy(['127.0.0.1:4010']), 'http://127.0.0.1:5432')).toBe(true);
    expect(await refused(new HostPolicy(['localhost']), 'http://localhost:9999')).toBe(false);
    expect(await refused(new HostPolicy(['10.0.0.0/8']), 'http://10.9.9.9')).toBe(false);
    expect(await refused(new HostPolicy(['*']), 'http://127.0.0.1:5432')).toBe(false);
  });

  it('judges addresses again as connections are made: DNS rebinding to this machine never connects', async () => {
    // A local service standing for the server's internals, counting who reaches it.
    let reached = 0;
    const internal = createServer((_req, res) => {
      reached++;
      res.end('<edmx:Edmx Version="4.0"/>');
    });
    await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
    const port = (internal.address() as AddressInfo).port;
    const url = `http://rebind.flowline.test:${port}/data`;
    // The name's DNS answers a public address when the connection is checked, then this machine.
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    const rebinding = async () => answers.shift() ?? ['127.0.0.1'];
    const read = async (policy: HostPolicy) => {
      const client = createFnoClient({
        url,
        http: { lookup: policy.lookup },
        retry: { baseDelayMs: 5, maxDelayMs: 20, budgetMs: 200 },
      });
      try {
        return await client.metadata();
      } finally {
        await client.close();
      }
    };
    try {
      const policy = new HostPolicy([], rebinding);
      await expect(policy.check(url, '/serviceUrl')).resolves.toBeUndefined();
      const error = await read(policy).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(String((error as Error).message)).toMatch(
        /may not reach rebind\.flowline\.test \(127\.0\.0\.1, this server itself\)/,
      );
      expect(reached).toBe(0);
      expect(explain(error, { url })).toBe(
        'Connections may not reach rebind.flowline.test (127.0.0.1, this server itself): an administrator can allow it in FLOWLINE_ALLOWED_HOSTS.',
      );
      // The same name, once an administrator allows it, connects: the refusal above was the policy's.
      await read(new HostPolicy(['rebind.flowline.test'], async () => ['127.0.0.1'])).catch(() => undefined);
      expect(reached).toBeGreaterThan(0);
    } finally {
      internal.close();
    }
  });
});
