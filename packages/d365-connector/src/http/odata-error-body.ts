import {
  AuthenticationError,
  ConcurrencyError,
  type FnoError,
  ForbiddenError,
  NotFoundError,
  type RequestContext,
  ThrottledError,
  UnexpectedResponseError,
  ValidationError,
} from './errors.js';

interface ODataErrorBody {
  error?: { code?: string; message?: string; innererror?: { message?: string; type?: string } };
}

/** Splits F&O's `innererror.message` ("Write failed … Infolog: Warning: x.; Warning: y.") into its lines. */
export function infologLines(text: string): string[] {
  const at = text.indexOf('Infolog:');
  const tail = at >= 0 ? text.slice(at + 'Infolog:'.length) : text;
  return tail
    .split(/;\s+(?=(?:Info|Warning|Error):)/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Reads an OData error envelope; F&O's `code` is empty and `message` generic, the text is in `innererror`. */
export function parseErrorBody(body: string): { message: string; infolog: string[]; innerType?: string } {
  try {
    const parsed = JSON.parse(body) as ODataErrorBody;
    const inner = parsed.error?.innererror;
    const text = inner?.message || parsed.error?.message || '';
    const result: { message: string; infolog: string[]; innerType?: string } = {
      message: text || body.slice(0, 500),
      infolog: inner?.message ? infologLines(inner.message) : [],
    };
    if (inner?.type) result.innerType = inner.type;
    return result;
  } catch {
    return { message: body.slice(0, 500), infolog: [] };
  }
}

/** Maps a failed response to the error a user can act on. */
export function errorForStatus(
  context: RequestContext,
  body: string,
  extra: { sentEtag?: string; retryAfterMs?: number; currentEtag?: string } = {},
): FnoError {
  const { message, infolog, innerType } = parseErrorBody(body);
  const status = context.status ?? 0;
  switch (status) {
    case 401:
      return new AuthenticationError(
        `F&O refused the access token: check the tenant, client secret or certificate, and that the resource has no trailing slash${message ? ` (${message})` : ''}`,
        context,
      );
    case 403:
      return new ForbiddenError(
        `F&O refused this application: register its client ID in System administration > Setup > Microsoft Entra ID applications and give the linked user access${message ? ` (${message})` : ''}`,
        context,
      );
    case 404:
      return new NotFoundError(
        message || 'Not found: no such entity set, or no record with that key',
        context,
      );
    case 412:
    case 428:
      return new ConcurrencyError(
        status === 428
          ? 'The service requires If-Match on this write: pass the tracked record or an ETag, or ifMatch "*"'
          : `The record was changed by someone else since it was read${message ? ` (${message})` : ''}`,
        context,
        extra.sentEtag,
        extra.currentEtag,
      );
    case 429:
    case 503:
      return new ThrottledError(message || 'Too many requests', context, extra.retryAfterMs);
    default:
      if (status === 400 || status === 409 || status === 422 || status === 500) {
        return new ValidationError(message || `Request failed with ${status}`, context, infolog, innerType);
      }
      return new UnexpectedResponseError(message || `Unexpected status ${status}`, context);
  }
}
