import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

/** An app known to the sandbox's Entra tenant, and whether F&O has it registered. */
export interface ClientRegistration {
  clientId: string;
  secret?: string;
  /** Registered in F&O (System administration > Azure Active Directory applications); false → 403. */
  fnoRegistered: boolean;
  /** The F&O user's default company (lower-case). */
  defaultCompany: string;
  /** Public keys of certificates registered for client assertions. */
  certificates: { key: KeyObject; x5t: string; x5tS256: string }[];
  /** Redirect URIs of the web platform, for the authorization code flow. */
  redirectUris: string[];
}

/** What callers pass to register a client. */
export interface ClientInput {
  clientId: string;
  secret?: string;
  /** PEM of a certificate (or a public key) accepted for client assertions. */
  certificatePem?: string;
  fnoRegistered?: boolean;
  defaultCompany?: string;
  /** Redirect URIs for sign-in (added to those already registered). */
  redirectUris?: string[];
}

/** The demo clients that are always registered (documented defaults). */
export const DEMO_CLIENTS = {
  registered: { clientId: 'flowline-demo', secret: 'flowline-demo-secret', defaultCompany: 'usmf' },
  unregistered: { clientId: 'unregistered-app', secret: 'unregistered-secret' },
  /** A web app for single sign-on (not an F&O app); loopback redirect URIs match on any port. */
  sso: {
    clientId: 'flowline-sso-demo',
    secret: 'flowline-sso-demo-secret',
    redirectUris: ['http://localhost/api/auth/sso/callback', 'http://127.0.0.1/api/auth/sso/callback'],
  },
} as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a requested redirect URI is one of the registered ones: exactly, except that Entra ignores
 * the port of an http loopback address (a local app picks its port at run time).
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let asked: URL;
  try {
    asked = new URL(requested);
  } catch {
    return false;
  }
  if (asked.protocol !== 'http:' || !LOOPBACK.has(asked.hostname)) return false;
  return registered.some((r) => {
    const reg = new URL(r);
    return (
      reg.protocol === asked.protocol &&
      reg.hostname === asked.hostname &&
      `${reg.pathname}${reg.search}` === `${asked.pathname}${asked.search}`
    );
  });
}

/** The tenant's app registrations. */
export class ClientRegistry {
  private readonly clients = new Map<string, ClientRegistration>();

  constructor() {
    this.register({ ...DEMO_CLIENTS.registered, fnoRegistered: true });
    this.register({ ...DEMO_CLIENTS.unregistered, fnoRegistered: false });
    this.register({
      ...DEMO_CLIENTS.sso,
      redirectUris: [...DEMO_CLIENTS.sso.redirectUris],
      fnoRegistered: false,
    });
  }

  /** Adds or extends a client; a certificate is added to those it already has. */
  register(input: ClientInput): ClientRegistration {
    const prev = this.clients.get(input.clientId);
    const reg: ClientRegistration = {
      clientId: input.clientId,
      secret: input.secret ?? prev?.secret,
      fnoRegistered: input.fnoRegistered ?? prev?.fnoRegistered ?? true,
      defaultCompany: (input.defaultCompany ?? prev?.defaultCompany ?? 'usmf').toLowerCase(),
      certificates: [...(prev?.certificates ?? [])],
      redirectUris: [...new Set([...(prev?.redirectUris ?? []), ...(input.redirectUris ?? [])])],
    };
    if (input.certificatePem) {
      const isCert = input.certificatePem.includes('CERTIFICATE');
      const der = isCert ? new X509Certificate(input.certificatePem).raw : undefined;
      reg.certificates.push({
        key: isCert
          ? new X509Certificate(input.certificatePem).publicKey
          : createPublicKey(input.certificatePem),
        x5t: der ? createHash('sha1').update(der).digest('base64url') : '',
        x5tS256: der ? createHash('sha256').update(der).digest('base64url') : '',
      });
    }
    this.clients.set(reg.clientId, reg);
    return reg;
  }

  get(clientId: string): ClientRegistration | undefined {
    return this.clients.get(clientId);
  }
}
