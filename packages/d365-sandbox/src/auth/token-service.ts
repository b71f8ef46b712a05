import { createHash, randomUUID } from 'node:crypto';
import type { SimpleRequest, SimpleResponse } from '../http/types.js';
import type { ClientRegistration, ClientRegistry } from './clients.js';
import { decodeJwt, type SigningKey, verifySignature } from './jwt.js';

export const TENANT = 'sandbox';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const json = (status: number, body: unknown): SimpleResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

const aadError = (status: number, error: string, code: number, description: string): SimpleResponse =>
  json(status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });

/** A stable object id for an app, as Entra gives every service principal one. */
const objectId = (clientId: string): string => {
  const h = createHash('sha256').update(clientId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** The Entra ID-style token service: OIDC metadata, JWKS and the client-credentials token endpoint. */
export class TokenService {
  constructor(
    private readonly key: SigningKey,
    private readonly clients: ClientRegistry,
    /** Environment URLs tokens may be issued for (no trailing slash). */
    private readonly audiences: () => string[],
  ) {}

  /** Handles `/{tenant}/...` token-service paths; undefined when the path is not one. */
  handle(req: SimpleRequest, origin: string): SimpleResponse | undefined {
    const path = req.url.split('?')[0]!;
    const authority = `${origin}/${TENANT}`;
    if (
      req.method === 'GET' &&
      (path === `/${TENANT}/v2.0/.well-known/openid-configuration` ||
        path === `/${TENANT}/.well-known/openid-configuration`)
    ) {
      return json(200, {
        issuer: `${authority}/v2.0`,
        authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
        token_endpoint: `${authority}/oauth2/v2.0/token`,
        end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        jwks_uri: `${origin}/${TENANT}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        tenant_region_scope: 'NA',
        cloud_instance_name: 'sandbox.local',
      });
    }
    if (
      req.method === 'GET' &&
      (path === `/${TENANT}/discovery/v2.0/keys` || path === `/${TENANT}/discovery/keys`)
    ) {
      return json(200, { keys: [this.key.jwk()] });
    }
    if (
      req.method === 'POST' &&
      (path === `/${TENANT}/oauth2/v2.0/token` || path === `/${TENANT}/oauth2/token`)
    ) {
      return this.token(
        new URLSearchParams(req.body.toString('utf8')),
        path.includes('/v2.0/'),
        `${origin}${path}`,
        req,
      );
    }
    return undefined;
  }

  private authenticate(
    form: URLSearchParams,
    endpoint: string,
    req: SimpleRequest,
  ): ClientRegistration | SimpleResponse {
    let clientId = form.get('client_id') ?? '';
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id = '', s = ''] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id);
      secret = decodeURIComponent(s);
    }
    const client = this.clients.get(clientId);
    if (!client) {
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${TENANT}'.`,
      );
    }
    const assertion = form.get('client_assertion');
    if (assertion) {
      if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
        return aadError(400, 'invalid_request', 50027, `client_assertion_type must be '${ASSERTION_TYPE}'.`);
      }
      const jwt = decodeJwt(assertion);
      if (!jwt)
        return aadError(
          401,
          'invalid_client',
          50027,
          'Invalid JWT token. The client assertion is malformed.',
        );
      const ok = client.certificates.some((c) =>
        verifySignature(jwt.header.alg, jwt.signed, jwt.signature, c.key),
      );
      if (!ok) {
        return aadError(
          401,
          'invalid_client',
          700027,
          `Client assertion failed signature validation: no certificate registered for '${clientId}' matches.`,
        );
      }
      const c = jwt.claims;
      const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
      if (c.iss !== clientId || c.sub !== clientId) {
        return aadError(
          401,
          'invalid_client',
          700021,
          `Client assertion issuer and subject must be '${clientId}'.`,
        );
      }
      if (!aud.some((a) => typeof a === 'string' && a.replace(/\/$/, '') === endpoint)) {
        return aadError(
          401,
          'invalid_client',
          700212,
          `The client assertion audience must be '${endpoint}'.`,
        );
      }
      if (!(Number(c.exp) > Date.now() / 1000))
        return aadError(
          401,
          'invalid_client',
          700024,
          'Client assertion is not within its valid time range.',
        );
      return client;
    }
    if (!secret || secret !== client.secret) {
      return aadError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided for app '${clientId}'.`,
      );
    }
    return client;
  }

  private token(form: URLSearchParams, v2: boolean, endpoint: string, req: SimpleRequest): SimpleResponse {
    if (form.get('grant_type') !== 'client_credentials') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The grant type '${form.get('grant_type') ?? ''}' is not supported; use client_credentials.`,
      );
    }
    const client = this.authenticate(form, endpoint, req);
    if ('status' in client) return client;
    let audience: string;
    if (v2) {
      const scope = (form.get('scope') ?? '').split(' ').find((s) => s.endsWith('/.default'));
      if (!scope)
        return aadError(
          400,
          'invalid_scope',
          1002012,
          `The scope '${form.get('scope') ?? ''}' is not valid; use '<environment URL>/.default'.`,
        );
      audience = scope.slice(0, -'/.default'.length);
    } else {
      audience = form.get('resource') ?? '';
    }
    // Entra issues a token for 'https://host/' too, but F&O then refuses it (the trailing-slash trap).
    if (!this.audiences().includes(audience.replace(/\/$/, ''))) {
      return aadError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${audience} was not found in the tenant named ${TENANT}.`,
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const oid = objectId(client.clientId);
    const accessToken = this.key.sign({
      aud: audience,
      iss: `https://sts.windows.net/${TENANT}/`,
      iat: now,
      nbf: now,
      exp: now + 3599,
      appid: client.clientId,
      azp: client.clientId,
      oid,
      sub: oid,
      tid: TENANT,
      ver: '1.0',
    });
    return json(200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
    });
  }
}
