import { rootCertificates } from 'node:tls';
import { AuthError, ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { createDispatcher, networkClientFor } from '@flowline/d365-connector';
import type { SsoConfig } from './sso-config.js';

/** The step of a sign-in that failed, shown to the person with the reason. */
export type SsoStep = 'start' | 'state' | 'authorize' | 'token' | 'tenant' | 'account';

/** A sign-in that failed at a known step; the message is safe to show (never the secret). */
export class SsoError extends Error {
  constructor(
    readonly step: SsoStep,
    message: string,
  ) {
    super(message);
  }
}

/** What the browser carries (sealed) between the start and the callback. */
export interface SsoFlow {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  returnTo: string;
}

/** Who Entra signed in, from the id_token. */
export interface SsoIdentity {
  oid: string;
  tid: string;
  email?: string;
  username?: string;
  name?: string;
}

const SCOPES = ['openid', 'profile', 'email'];
const MICROSOFT_HOSTS = /(^|\.)(microsoftonline\.(com|us)|chinacloudapi\.cn|microsoftonline\.de)$/;

/** Says what MSAL or Entra refused, keeping Entra's error, AADSTS code and description. */
function describe(e: unknown): string {
  if (e instanceof AuthError) {
    const text = (e.errorMessage || '').split('\n')[0]!.trim();
    // MSAL wraps Entra's answer: "Error(s): … - Description: AADSTS…: … - Correlation ID: … - Trace ID: …".
    const server = /Description: (.*?)(?: - Correlation ID: ([\w-]+))?(?: - Trace ID: .*)?$/.exec(text);
    if (server) return `${e.errorCode}: ${server[1]}${server[2] ? ` (correlation id ${server[2]})` : ''}`;
    return text ? `${e.errorCode}: ${text}` : e.errorCode;
  }
  const err = e as Error & { cause?: Error };
  return [err.message, err.cause?.message].filter(Boolean).join(': ');
}

/** Entra ID sign-in through MSAL: the authorization URL with PKCE, then the code for an id_token. */
export class SsoClient {
  private readonly msal: ConfidentialClientApplication;
  private readonly crypto = new CryptoProvider();

  constructor(private readonly config: SsoConfig) {
    const host = new URL(config.authority);
    const dispatcher = createDispatcher({
      ca: config.ca ? [...rootCertificates, config.ca] : undefined,
      connectTimeoutMs: 10_000,
      responseTimeoutMs: 15_000,
    });
    this.msal = new ConfidentialClientApplication({
      auth: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authority: config.authority,
        // A test authority or AD FS skips Microsoft's instance discovery.
        knownAuthorities: MICROSOFT_HOSTS.test(host.hostname) ? [] : [host.host],
      },
      system: { networkClient: networkClientFor(dispatcher, 15_000) },
    });
  }

  /** The URL to send the browser to, and the flow to keep until it comes back. */
  async begin(
    redirectUri: string,
    returnTo: string,
    loginHint?: string,
  ): Promise<{ url: string; flow: SsoFlow }> {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const flow: SsoFlow = {
      state: this.crypto.createNewGuid(),
      nonce: this.crypto.createNewGuid(),
      verifier,
      redirectUri,
      returnTo,
    };
    try {
      const url = await this.msal.getAuthCodeUrl({
        scopes: SCOPES,
        redirectUri,
        state: flow.state,
        nonce: flow.nonce,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        ...(loginHint ? { loginHint } : {}),
      });
      return { url, flow };
    } catch (e) {
      throw new SsoError(
        'start',
        `The sign-in service at ${this.config.authority} could not be reached: ${describe(e)}`,
      );
    }
  }

  /** Exchanges the code (with the PKCE verifier and nonce) and checks the token is for us and our tenant. */
  async finish(code: string, flow: SsoFlow): Promise<SsoIdentity> {
    let claims: Record<string, unknown>;
    try {
      const result = await this.msal.acquireTokenByCode({
        code,
        codeVerifier: flow.verifier,
        redirectUri: flow.redirectUri,
        scopes: SCOPES,
        nonce: flow.nonce,
      });
      claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
      // Flowline keeps its own session: MSAL's cache would only grow with every person.
      if (result.account) await this.msal.getTokenCache().removeAccount(result.account);
    } catch (e) {
      throw new SsoError('token', `Exchanging the authorization code failed: ${describe(e)}`);
    }
    if (typeof claims.oid !== 'string')
      throw new SsoError('token', 'The sign-in service answered no id_token with an object id (oid).');
    if (claims.aud !== this.config.clientId) {
      throw new SsoError(
        'token',
        `The id_token is for the application '${String(claims.aud)}', not '${this.config.clientId}'.`,
      );
    }
    if (claims.tid !== this.config.tenantId) {
      throw new SsoError(
        'tenant',
        `The account belongs to the tenant '${String(claims.tid)}'; only people of the tenant '${this.config.tenantId}' may sign in.`,
      );
    }
    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
    return {
      oid: claims.oid,
      tid: claims.tid,
      email: text('email'),
      username: text('preferred_username'),
      name: text('name'),
    };
  }
}
