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
}

/** What callers pass to register a client. */
export interface ClientInput {
  clientId: string;
  secret?: string;
  /** PEM of a certificate (or a public key) accepted for client assertions. */
  certificatePem?: string;
  fnoRegistered?: boolean;
  defaultCompany?: string;
}

/** The demo clients that are always registered (documented defaults). */
export const DEMO_CLIENTS = {
  registered: { clientId: 'flowline-demo', secret: 'flowline-demo-secret', defaultCompany: 'usmf' },
  unregistered: { clientId: 'unregistered-app', secret: 'unregistered-secret' },
} as const;

/** The tenant's app registrations. */
export class ClientRegistry {
  private readonly clients = new Map<string, ClientRegistration>();

  constructor() {
    this.register({ ...DEMO_CLIENTS.registered, fnoRegistered: true });
    this.register({ ...DEMO_CLIENTS.unregistered, fnoRegistered: false });
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
