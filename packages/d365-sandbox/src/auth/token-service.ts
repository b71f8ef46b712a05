import type { SimpleRequest, SimpleResponse } from '../http/types.js';
import { aadError, json } from './aad-response.js';
import { AuthCodes } from './auth-codes.js';
import { AuthorizeEndpoint } from './authorize.js';
import type { ClientRegistration, ClientRegistry } from './clients.js';
import { redeemCode } from './code-grant.js';
import { decodeJwt, type SigningKey, verifySignature } from './jwt.js';
import { DEMO_USERS, stableObjectId, TestUserDirectory } from './test-users.js';

export const TENANT = 'sandbox';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The Entra ID-style token service: OIDC metadata, JWKS, the authorization endpoint and the token
 * endpoint (client credentials, and authorization codes with PKCE).
 */
export class TokenService {
  private readonly codes = new AuthCodes();
  private readonly authorize: AuthorizeEndpoint;

  constructor(
    private readonly key: SigningKey,
    private readonly clients: ClientRegistry,
    /** Environment URLs tokens may be issued for (no trailing slash). */
    private readonly audiences: () => string[],
    users = new TestUserDirectory(DEMO_USERS, TENANT),
  ) {
    this.authorize = new AuthorizeEndpoint(clients, users, this.codes, TENANT);
  }

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
    if ((req.method === 'GET' || req.method === 'POST') && path === `/${TENANT}/oauth2/v2.0/authorize`) {
      return this.authorize.handle(req);
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
        `${authority}/v2.0`,
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

  private token(
    form: URLSearchParams,
    v2: boolean,
    endpoint: string,
    req: SimpleRequest,
    issuer: string,
  ): SimpleResponse {
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== 'authorization_code') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The grant type '${grant ?? ''}' is not supported; use client_credentials or authorization_code.`,
      );
    }
    const client = this.authenticate(form, endpoint, req);
    if ('status' in client) return client;
    if (grant === 'authorization_code') return redeemCode(form, client, this.codes, this.key, issuer);
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
    const oid = stableObjectId(client.clientId);
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
