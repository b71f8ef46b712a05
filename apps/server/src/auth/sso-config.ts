import { readFileSync } from 'node:fs';
import { FlowlineStartError } from '../errors/start-error.js';
import type { Role } from '../generated/prisma/enums.js';

/** Single sign-on with Microsoft Entra ID (authorization code + PKCE), from FLOWLINE_SSO_* variables. */
export interface SsoConfig {
  clientId: string;
  clientSecret: string;
  /** The tenant whose people may sign in: the `tid` every id_token must carry. */
  tenantId: string;
  /** Authority URL, e.g. https://login.microsoftonline.com/<tenant>. */
  authority: string;
  /** Fixed redirect URI; otherwise derived from each request's host (…/api/auth/sso/callback). */
  redirectUri?: string;
  /** Role given to a person Entra signs in who has no Flowline account yet; none → refused. */
  defaultRole?: Exclude<Role, 'admin'>;
  /** Extra CA certificates (PEM) to trust for the authority, besides the usual ones (e.g. the sandbox's). */
  ca?: string;
}

const ROLES = ['viewer', 'operator', 'designer'] as const;

/** Reads FLOWLINE_SSO_*; undefined when single sign-on is not configured. A bad value stops the start. */
export function readSsoConfig(env: NodeJS.ProcessEnv): SsoConfig | undefined {
  const get = (name: string) => env[`FLOWLINE_SSO_${name}`]?.trim() || undefined;
  const clientId = get('CLIENT_ID');
  if (!clientId) {
    const stray = Object.keys(env).filter((k) => k.startsWith('FLOWLINE_SSO_') && env[k]);
    if (stray.length > 0) {
      throw new FlowlineStartError(
        `${stray.join(', ')} set but FLOWLINE_SSO_CLIENT_ID is not: set it to turn single sign-on on.`,
      );
    }
    return undefined;
  }
  const clientSecret = get('CLIENT_SECRET');
  const tenantId = get('TENANT_ID');
  const missing = [
    !clientSecret && 'FLOWLINE_SSO_CLIENT_SECRET',
    !tenantId && 'FLOWLINE_SSO_TENANT_ID',
  ].filter(Boolean);
  if (!clientSecret || !tenantId) {
    throw new FlowlineStartError(
      `Single sign-on needs ${missing.join(' and ')} as well as FLOWLINE_SSO_CLIENT_ID.`,
    );
  }
  // A multi-tenant authority would let anyone with a Microsoft account in.
  if (['common', 'organizations', 'consumers'].includes(tenantId.toLowerCase())) {
    throw new FlowlineStartError(`FLOWLINE_SSO_TENANT_ID must be your tenant's id, not "${tenantId}".`);
  }
  const authority = authorityUrl(get('AUTHORITY') ?? 'https://login.microsoftonline.com', tenantId);
  const redirectUri = get('REDIRECT_URI');
  if (redirectUri && !/^https?:\/\/[^/]+\/.*/.test(redirectUri)) {
    throw new FlowlineStartError(
      `FLOWLINE_SSO_REDIRECT_URI "${redirectUri}" is not an absolute http(s) URL.`,
    );
  }
  const role = get('DEFAULT_ROLE');
  if (role && !(ROLES as readonly string[]).includes(role)) {
    throw new FlowlineStartError(
      `FLOWLINE_SSO_DEFAULT_ROLE "${role}" must be one of ${ROLES.join(', ')} (an administrator is always made by hand).`,
    );
  }
  const caFile = get('CA_FILE');
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (e) {
      throw new FlowlineStartError(
        `FLOWLINE_SSO_CA_FILE "${caFile}" cannot be read: ${(e as Error).message}`,
      );
    }
  }
  return {
    clientId,
    clientSecret,
    tenantId,
    authority,
    redirectUri,
    defaultRole: role as SsoConfig['defaultRole'],
    ca,
  };
}

/** A bare host gets the tenant appended; a URL with a path is taken as the whole authority. */
function authorityUrl(value: string, tenantId: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FlowlineStartError(`FLOWLINE_SSO_AUTHORITY "${value}" is not a URL.`);
  }
  // MSAL, like Entra, only talks to an authority over HTTPS.
  if (url.protocol !== 'https:')
    throw new FlowlineStartError(`FLOWLINE_SSO_AUTHORITY "${value}" must use https.`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path || `/${encodeURIComponent(tenantId)}`}`;
}
