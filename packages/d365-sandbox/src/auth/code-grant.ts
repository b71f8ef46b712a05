import { createHash, randomUUID } from 'node:crypto';
import type { SimpleResponse } from '../http/types.js';
import { aadError, json } from './aad-response.js';
import type { AuthCodes } from './auth-codes.js';
import type { ClientRegistration } from './clients.js';
import type { SigningKey } from './jwt.js';
import { stableObjectId } from './test-users.js';

/** Microsoft Graph's app id: the audience of the access token a plain sign-in gets. */
const GRAPH = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const missing = (name: string) =>
  aadError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );

/**
 * The token endpoint's `authorization_code` grant: the code is taken (single use) and must have been
 * issued to this client for this redirect URI, and the PKCE verifier must hash to its challenge.
 * Answers an id_token signed with the key the JWKS publishes, an access token for Graph and client_info.
 */
export function redeemCode(
  form: URLSearchParams,
  client: ClientRegistration,
  codes: AuthCodes,
  key: SigningKey,
  issuer: string,
): SimpleResponse {
  const code = form.get('code');
  if (!code) return missing('code');
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return missing('redirect_uri');
  const grant = codes.take(code);
  if (grant === 'redeemed') {
    return aadError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  if (grant === 'expired') {
    return aadError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity.',
    );
  }
  if (!grant)
    return aadError(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
  if (grant.clientId !== client.clientId) {
    return aadError(
      400,
      'invalid_grant',
      70000,
      `The authorization code was issued to another application, not '${client.clientId}'.`,
    );
  }
  if (grant.redirectUri !== redirectUri) {
    return aadError(
      400,
      'invalid_grant',
      500112,
      `The reply address '${redirectUri}' does not match the reply address '${grant.redirectUri}' provided when requesting Authorization code.`,
    );
  }
  const verifier = form.get('code_verifier');
  if (grant.codeChallenge !== undefined && !verifier) return missing('code_verifier');
  if (verifier !== null) {
    const hashed = createHash('sha256').update(verifier).digest('base64url');
    if (hashed !== grant.codeChallenge) {
      return aadError(
        400,
        'invalid_grant',
        50148,
        'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
      );
    }
  }
  const { user } = grant;
  const scopes = grant.scope.split(' ').filter(Boolean);
  const now = Math.floor(Date.now() / 1000);
  const idToken = scopes.includes('openid')
    ? key.sign({
        aud: client.clientId,
        iss: issuer,
        iat: now,
        nbf: now,
        exp: now + 3600,
        name: user.name,
        oid: user.oid,
        preferred_username: user.username,
        ...(user.email ? { email: user.email } : {}),
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        // Entra's sub is pairwise: the same person has another sub in another app.
        sub: stableObjectId(`${user.oid}:${client.clientId}`),
        tid: user.tenantId,
        uti: randomUUID(),
        ver: '2.0',
      })
    : undefined;
  const granted = [...new Set([...scopes.filter((s) => !OIDC_SCOPES.has(s)), 'User.Read'])];
  const accessToken = key.sign({
    aud: GRAPH,
    iss: `https://sts.windows.net/${user.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3599,
    appid: client.clientId,
    oid: user.oid,
    scp: granted.join(' '),
    tid: user.tenantId,
    upn: user.username,
    ver: '1.0',
  });
  return json(200, {
    token_type: 'Bearer',
    scope: [...scopes.filter((s) => OIDC_SCOPES.has(s) && s !== 'offline_access'), ...granted].join(' '),
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: accessToken,
    ...(idToken ? { id_token: idToken } : {}),
    client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tenantId })).toString('base64url'),
  });
}
