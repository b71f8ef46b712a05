/** Where a failed request went: every connector error carries it. */
export interface RequestContext {
  method: string;
  /** The URL with credentials and secret-looking query parameters removed. */
  url: string;
  status?: number;
}

const SECRET_PARAMS =
  /^(client_secret|client_assertion|password|token|access_token|refresh_token|code|sig|signature|key|api[-_]?key)$/i;

/** Removes user:password and secret-looking query parameters from a URL before it goes into an error or log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const name of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.test(name)) u.searchParams.set(name, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Base of every error the connector raises about a request. */
export class FnoError extends Error {
  override name = 'FnoError';
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  constructor(message: string, context: RequestContext, options?: { cause?: unknown }) {
    super(
      `${message} (${context.method} ${context.url}${context.status ? ` → ${context.status}` : ''})`,
      options,
    );
    this.method = context.method;
    this.url = context.url;
    this.status = context.status;
  }
}

/** 401 or a refused token request: bad secret or certificate, wrong tenant, wrong resource. */
export class AuthenticationError extends FnoError {
  override name = 'AuthenticationError';
}

/** 403: the app is not registered in F&O or its user lacks the rights. */
export class ForbiddenError extends FnoError {
  override name = 'ForbiddenError';
}

/** 404: no such entity set, or no record with that key (in the companies visible). */
export class NotFoundError extends FnoError {
  override name = 'NotFoundError';
}

/** 400/500 with F&O's validation text (the Infolog from `innererror`). */
export class ValidationError extends FnoError {
  override name = 'ValidationError';
  constructor(
    message: string,
    context: RequestContext,
    /** F&O's Infolog lines (from `innererror.message`), when it sent them. */
    readonly infolog: string[] = [],
    /** The `.NET` exception type from `innererror.type`. */
    readonly innerType?: string,
  ) {
    super(message, context);
  }
}

/** 412: the record changed since it was read. */
export class ConcurrencyError extends FnoError {
  override name = 'ConcurrencyError';
  constructor(
    message: string,
    context: RequestContext,
    /** The ETag the write was conditional on. */
    readonly sentEtag: string | undefined,
    /** The record's current ETag, when it could be read. */
    readonly currentEtag: string | undefined,
  ) {
    super(message, context);
  }
}

/** 429 (or 503) after the retry budget ran out. */
export class ThrottledError extends FnoError {
  override name = 'ThrottledError';
  constructor(
    message: string,
    context: RequestContext,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, context);
  }
}

/** The connection failed or dropped (DNS, refused, reset, TLS, proxy). */
export class NetworkError extends FnoError {
  override name = 'NetworkError';
  constructor(
    message: string,
    context: RequestContext,
    options?: { cause?: unknown },
    /** The system error code of the failure or its causes (`ECONNREFUSED`, `EHOSTREFUSED`…), or ''. */
    readonly code = '',
    /** What the error carrying `code` said (a host policy's refusal names the address and what to do). */
    readonly reason?: string,
  ) {
    super(message, context, options);
  }
}

/** Connecting or waiting for the response took longer than configured. */
export class TimeoutError extends FnoError {
  override name = 'TimeoutError';
}

/**
 * A create (or action) may or may not have reached the server and the connector cannot tell:
 * neither success nor failure, so nothing is repeated blindly.
 */
export class UncertainOutcomeError extends FnoError {
  override name = 'UncertainOutcomeError';
}

/** Any other unexpected status. */
export class UnexpectedResponseError extends FnoError {
  override name = 'UnexpectedResponseError';
}
