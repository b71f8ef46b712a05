import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { HttpProblem } from '../errors/problem.js';

// Addresses a designer must not point a connection at unless an administrator allows them:
// the server's own machine and private networks (the way to its internals and its neighbours).
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(net, bits, 'ipv4');
}
internal.addAddress('::', 'ipv6');
internal.addAddress('::1', 'ipv6');
internal.addSubnet('fc00::', 7, 'ipv6');
internal.addSubnet('fe80::', 10, 'ipv6');

const describeInternal = (ip: string) =>
  /^127\.|^::1$/.test(ip)
    ? 'this server itself'
    : /^169\.254\.|^fe80:/i.test(ip)
      ? 'a link-local address'
      : 'a private network';

function isInternal(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  return internal.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Which hosts connections may reach: any public host, plus the entries an administrator lists
 * (`host`, `host:port`, an IP, a CIDR such as `10.1.0.0/16`, or `*` for everything).
 */
export class HostPolicy {
  private readonly names = new Set<string>();
  private readonly nets = new BlockList();
  private readonly anything: boolean;

  constructor(allowed: string[]) {
    this.anything = allowed.includes('*');
    for (const entry of allowed.map((a) => a.trim().toLowerCase()).filter(Boolean)) {
      const [net, bits] = entry.split('/');
      if (bits !== undefined && isIP(net!))
        this.nets.addSubnet(net!, Number(bits), isIP(net!) === 6 ? 'ipv6' : 'ipv4');
      else if (isIP(entry)) this.nets.addAddress(entry, isIP(entry) === 6 ? 'ipv6' : 'ipv4');
      else this.names.add(entry);
    }
  }

  /** From FLOWLINE_ALLOWED_HOSTS (comma-separated) plus what the server adds (the local sandbox). */
  static fromEnv(env: NodeJS.ProcessEnv, extra: string[] = []): HostPolicy {
    return new HostPolicy([...(env.FLOWLINE_ALLOWED_HOSTS ?? '').split(','), ...extra]);
  }

  /** Refuses (422, naming the field) a URL whose host resolves to an internal address not allowed. */
  async check(url: string, field: string): Promise<void> {
    if (this.anything) return;
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    if (this.names.has(host) || this.names.has(`${host}:${port}`)) return;
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return; // Unresolvable: the connector's own error will say the host cannot be reached.
    }
    const refused = addresses.find(
      (ip) => isInternal(ip) && !this.nets.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'),
    );
    if (refused) {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        `Connections may not reach ${host} (${refused}, ${describeInternal(refused)}): an administrator can allow it in FLOWLINE_ALLOWED_HOSTS.`,
        {
          errors: [
            {
              path: `/body${field}`,
              message: `points at ${describeInternal(refused)}, which is not allowed`,
            },
          ],
        },
      );
    }
  }
}
