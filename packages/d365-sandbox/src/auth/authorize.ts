import { randomUUID } from 'node:crypto';
import type { SimpleRequest, SimpleResponse } from '../http/types.js';
import type { AuthCodes } from './auth-codes.js';
import { type ClientRegistry, redirectUriMatches } from './clients.js';
import type { TestUserDirectory } from './test-users.js';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Entra's own error page: shown, never redirected, when the client or its redirect URI is not trusted. */
function errorPage(code: number, description: string): SimpleResponse {
  return {
    status: 400,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html><head><title>Sign in to your account</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(description)}</p><p>Request Id: ${randomUUID()}</p></body></html>`,
  };
}

/** Sends parameters back to the app the way it asked (query, fragment or an auto-submitted form). */
function respond(redirectUri: string, mode: string | null, params: Record<string, string>): SimpleResponse {
  if (mode === 'form_post') {
    const inputs = Object.entries(params)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      body: `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
    };
  }
  const url = new URL(redirectUri);
  const encoded = new URLSearchParams(params).toString();
  if (mode === 'fragment') url.hash = encoded;
  else for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store' } };
}

/**
 * The authorization endpoint of the authorization code flow. It has no sign-in UI: it signs in the
 * test user named by `login_hint` (or the tenant's default user) at once and redirects with a code.
 */
export class AuthorizeEndpoint {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly users: TestUserDirectory,
    private readonly codes: AuthCodes,
    private readonly tenant: string,
  ) {}

  handle(req: SimpleRequest): SimpleResponse {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const p = new URLSearchParams(req.method === 'POST' ? req.body.toString('utf8') : query);
    const clientId = p.get('client_id');
    if (!clientId)
      return errorPage(900144, "The request body must contain the following parameter: 'client_id'.");
    const client = this.clients.get(clientId);
    if (!client) {
      return errorPage(
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.tenant}'.`,
      );
    }
    const redirectUri = p.get('redirect_uri');
    if (!redirectUri || !redirectUriMatches(client.redirectUris, redirectUri)) {
      return errorPage(
        50011,
        `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
      );
    }
    const mode = p.get('response_mode');
    const state = p.get('state');
    // From here on, errors go back to the app, with its state, as OAuth requires.
    const fail = (error: string, code: number, description: string) =>
      respond(redirectUri, mode, {
        error,
        error_description: `AADSTS${code}: ${description}`,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
        ...(state === null ? {} : { state }),
      });
    if (p.get('response_type') !== 'code') {
      return fail(
        'unsupported_response_type',
        700054,
        `response_type '${p.get('response_type') ?? ''}' is not enabled for the application; the sandbox issues 'code'.`,
      );
    }
    const scope = p.get('scope');
    if (!scope)
      return fail(
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    const challenge = p.get('code_challenge') ?? undefined;
    if (challenge !== undefined) {
      if (p.get('code_challenge_method') !== 'S256') {
        return fail(
          'invalid_request',
          70011,
          `The provided value for the input parameter 'code_challenge_method' is not valid: '${p.get('code_challenge_method') ?? ''}' (the sandbox accepts S256 only).`,
        );
      }
      if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
        return fail('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.');
      }
    }
    const hint = p.get('login_hint');
    const user = this.users.find(hint);
    if (!user) {
      return fail(
        'access_denied',
        50034,
        `The user account ${hint ?? '(default)'} does not exist in the '${this.tenant}' directory.`,
      );
    }
    if (user.disabled) {
      return fail('access_denied', 50057, `The user account ${user.username} is disabled.`);
    }
    const code = this.codes.issue({
      clientId,
      redirectUri,
      scope,
      nonce: p.get('nonce') ?? undefined,
      codeChallenge: challenge,
      user,
    });
    return respond(redirectUri, mode, {
      code,
      ...(state === null ? {} : { state }),
      session_state: randomUUID(),
    });
  }
}
