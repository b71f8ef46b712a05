import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { HttpProblem } from '../errors/problem.js';

// Addresses a designer must not point a connection at unless an administrator allows them:
// the server's own machine and private networks (the way to its internals and its neighbours),
// plus the special-purpose ranges no F&O environment lives in (multicast, reserved, benchmarking).
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(net, bits, 'ipv4');
}
// IPv4-compatible (::a.b.c.d, :: and ::1 among them), unique-local, link-local, site-local, multicast.
internal.addSubnet('::', 96, 'ipv6');
internal.addSubnet('fc00::', 7, 'ipv6');
internal.addSubnet('fe80::', 10, 'ipv6');
internal.addSubnet('fec0::', 10, 'ipv6');
internal.addSubnet('ff00::', 8, 'ipv6');

/** IPv6 forms that carry an IPv4 address: mapped (::ffff:), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
function embeddedIPv4(ip: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (dotted) return dotted;
  const words = expandIPv6(ip);
  if (!words) return undefined;
  const compatible = words.slice(0, 6).every((w) => w === 0);
  const mapped = compatible || (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff);
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (mapped || nat64) return toIPv4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return toIPv4(words[1]!, words[2]!);
  return undefined;
}

const toIPv4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The eight 16-bit words of an IPv6 address (an embedded dotted IPv4 tail included). */
function expandIPv6(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let text = ip.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    text = text.replace(v4, `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`);
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right].map((w) =>
    Number.parseInt(w, 16),
  );
}

/** The address to judge: the IPv4 address an IPv6 form carries, else the address itself. */
function effective(ip: string): { ip: string; family: 'ipv4' | 'ipv6' } {
  const v4 = isIP(ip) === 6 ? embeddedIPv4(ip) : undefined;
  if (v4) return { ip: v4, family: 'ipv4' };
  return { ip, family: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

const describeInternal = (address: string) => {
  const { ip } = effective(address);
  return /^127\.|^::1$|^::$|^0\./.test(ip)
    ? 'this server itself'
    : /^169\.254\.|^fe[89ab]/i.test(ip)
      ? 'a link-local address'
      : 'a private network';
};

function isInternal(address: string): boolean {
  const { ip, family } = effective(address);
  return internal.check(ip, family);
}

/** A URL's host as judged: no IPv6 brackets, lower case; `localhost.` is `localhost` (the final dot changes nothing). */
const normalHost = (hostname: string) =>
  hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');

const refusal = (host: string, address: string) =>
  `Connections may not reach ${host} (${address}, ${describeInternal(address)}): an administrator can allow it in FLOWLINE_ALLOWED_HOSTS.`;

/** Names that mean this machine whatever DNS says (RFC 6761), with or without the final dot. */
const LOOPBACK_NAMES = /^(?:localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|.+\.localhost)$/;

/** Resolves a host name to its addresses (the system resolver by default). */
export type Resolve = (host: string) => Promise<string[]>;
const systemResolve: Resolve = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Which hosts connections may reach: any public host, plus the entries an administrator lists
 * (`host`, `host:port`, an IP, a CIDR such as `10.1.0.0/16`, or `*` for everything).
 */
export class HostPolicy {
  private readonly names = new Set<string>();
  private readonly nets = new BlockList();
  private readonly anything: boolean;

  constructor(
    allowed: string[],
    private readonly resolve: Resolve = systemResolve,
  ) {
    this.anything = allowed.includes('*');
    for (const entry of allowed.map((a) => a.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean)) {
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
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new HttpProblem(422, 'Unprocessable Content', `${url} is not a URL.`, {
        errors: [{ path: `/body${field}`, message: 'is not a URL' }],
      });
    }
    const host = normalHost(u.hostname);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    if (this.names.has(host) || this.names.has(`${host}:${port}`)) return;
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else if (LOOPBACK_NAMES.test(host)) addresses = ['127.0.0.1'];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        return; // Unresolvable: the connector's own error will say the host cannot be reached.
      }
    }
    const refused = this.refused(addresses);
    if (refused) {
      throw new HttpProblem(422, 'Unprocessable Content', refusal(host, refused), {
        errors: [
          {
            path: `/body${field}`,
            message: `points at ${describeInternal(refused)}, which is not allowed`,
          },
        ],
      });
    }
  }

  /**
   * The name resolver for connections as they are made (`lookup` of net.connect): `check` judged the
   * addresses a name had when the connection was saved or loaded; a DNS server answering otherwise
   * later (DNS rebinding) is caught here, where the address actually connected to is chosen.
   */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    const host = normalHost(hostname);
    // A `host:port` entry allows the name on one port; the port is not known here, and `check` has
    // already held the connection to it.
    const named = this.names.has(host) || [...this.names].some((n) => n.startsWith(`${host}:`));
    const answer = (addresses: string[]) => {
      const refused = this.anything || named ? undefined : this.refused(addresses);
      if (refused) {
        const error: NodeJS.ErrnoException = new Error(refusal(host, refused));
        error.code = 'EHOSTREFUSED';
        return callback(error, options.all ? [] : '');
      }
      const found = addresses.map((address) => ({ address, family: isIP(address) }));
      const wanted = options.family ? found.filter((a) => a.family === options.family) : found;
      if (wanted.length === 0) {
        const error: NodeJS.ErrnoException = new Error(`${hostname} has no address of the family asked for`);
        error.code = 'ENOTFOUND';
        return callback(error, options.all ? [] : '');
      }
      if (options.all) callback(null, wanted);
      else callback(null, wanted[0]!.address, wanted[0]!.family);
    };
    if (!this.anything && LOOPBACK_NAMES.test(host)) answer(['127.0.0.1']);
    else
      this.resolve(hostname).then(answer, (error: NodeJS.ErrnoException) =>
        callback(error, options.all ? [] : ''),
      );
  };

  /** The first of `addresses` that is internal and not allowed, if any. */
  private refused(addresses: string[]): string | undefined {
    return addresses.find((ip) => {
      if (!isInternal(ip)) return false;
      const judged = effective(ip);
      return (
        !this.nets.check(judged.ip, judged.family) && !this.nets.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4')
      );
    });
  }
}
