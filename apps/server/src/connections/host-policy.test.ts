import { describe, expect, it } from 'vitest';
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
});
