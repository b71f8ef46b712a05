import type { Dispatcher } from 'undici';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import {
  FnoError,
  NetworkError,
  type RequestContext,
  redactUrl,
  ThrottledError,
  TimeoutError,
  UncertainOutcomeError,
} from './errors.js';
import { decodeBody } from './http-stack.js';
import { errorForStatus } from './odata-error-body.js';
import {
  DEFAULT_RETRY,
  nextDelay,
  nextThrottledDelay,
  parseRetryAfter,
  type RetryPolicy,
  sleep,
} from './retry-policy.js';
import type { TokenProvider } from './token-provider.js';

export interface SendRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Whether repeating the request after a dropped connection is harmless. A non-idempotent request
   * that may have reached the server ends in UncertainOutcomeError instead of a retry.
   */
  idempotent?: boolean;
  /** ETag sent in If-Match: reported by a ConcurrencyError. */
  sentEtag?: string;
  /**
   * Answer a successful body as bytes (`SendResponse.bytes`), not decoded: for a document whose
   * encoding the caller checks itself (`$metadata`), instead of having invalid bytes replaced.
   */
  bytes?: boolean;
  /**
   * A 404 after an attempt whose outcome is unknown (its connection dropped after sending) means that
   * attempt did the work (a DELETE): the 404 is then returned, flagged, instead of a NotFoundError.
   */
  goneMeansDone?: boolean;
}

export interface SendResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes, when the request asked for `bytes` and succeeded (`body` is then empty). */
  bytes?: Buffer;
  /** Set on a 404 returned for `goneMeansDone`: absent after a retry, so an earlier attempt did it. */
  confirmedAfterRetry?: boolean;
}

/** Error codes of failures before any byte of the request was sent: always safe to retry. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const DROPPED = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
  'ETIMEDOUT',
]);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The code of the first error of a cause chain that carries one, and that error's message. */
function coded(error: unknown): { code: string; reason?: string } {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return { code, reason: typeof message === 'string' ? message : undefined };
    e = (e as { cause?: unknown }).cause;
  }
  return { code: '' };
}

/** What to say of a failed connection: its code, with its reason when that says more. */
function failureDetail(error: unknown, code: string, reason: string | undefined): string {
  if (reason !== undefined && reason !== code && !reason.includes(` ${code} `)) return `${code}: ${reason}`;
  return code || (error as Error).message;
}

/**
 * Sends requests with authentication, the adaptive concurrency cap, and retries (429/503 honouring
 * Retry-After, dropped connections with backoff) within the retry policy's time budget.
 */
export class Transport {
  readonly limiter: AdaptiveLimiter;
  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly tokens: TokenProvider | undefined,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    maxConcurrency = 8,
    private readonly userAgent = 'flowline-d365-connector',
  ) {
    this.limiter = new AdaptiveLimiter(maxConcurrency);
  }

  /** Sends and returns any response with a status below 400; raises typed errors otherwise. */
  async send(req: SendRequest): Promise<SendResponse> {
    const startedAt = Date.now();
    const context: RequestContext = { method: req.method, url: redactUrl(req.url) };
    // Whether an earlier attempt may have reached the server (dropped after sending).
    let mayHaveApplied = false;
    for (let attempt = 1; ; attempt++) {
      let response: SendResponse;
      try {
        response = await this.once(req);
      } catch (error) {
        if (error instanceof FnoError) throw error;
        const { code, reason } = coded(error);
        const notSent = NOT_SENT.has(code);
        const dropped = notSent || DROPPED.has(code) || TIMEOUTS.has(code);
        const failure = TIMEOUTS.has(code)
          ? new TimeoutError(`No response in time (${code})`, context, { cause: error })
          : new NetworkError(
              `Connection failed (${failureDetail(error, code, reason)})`,
              context,
              { cause: error },
              code,
              reason,
            );
        if (!dropped) throw failure;
        if (!notSent && req.idempotent === false) {
          throw new UncertainOutcomeError(
            `The connection dropped after the request was sent (${code}); it may or may not have been applied`,
            context,
            { cause: error },
          );
        }
        const delay = nextDelay(this.retry, attempt, startedAt, undefined);
        if (delay === undefined) throw failure;
        if (!notSent) mayHaveApplied = true;
        await sleep(delay);
        continue;
      }
      if (response.status < 400) {
        this.limiter.succeeded();
        return response;
      }
      const ctx = { ...context, status: response.status };
      if (response.status === 401 && attempt === 1 && this.tokens?.invalidate) {
        // A token revoked or expired early: one retry with a fresh one, then it is the credentials.
        this.tokens.invalidate();
        continue;
      }
      if (response.status === 429 || response.status === 503) {
        this.limiter.throttled();
        const retryAfter = parseRetryAfter(response.headers['retry-after']);
        const wait = retryAfter ?? (response.status === 429 ? this.retry.defaultRetryAfterMs : undefined);
        const delay = nextThrottledDelay(this.retry, attempt, startedAt, wait);
        if (delay === undefined) {
          throw new ThrottledError(`Throttled, retry budget used up after ${attempt} attempts`, ctx, wait);
        }
        await sleep(delay);
        continue;
      }
      if (response.status === 404 && mayHaveApplied && req.goneMeansDone) {
        return { ...response, confirmedAfterRetry: true };
      }
      throw errorForStatus(ctx, response.body, req.sentEtag === undefined ? {} : { sentEtag: req.sentEtag });
    }
  }

  private async once(req: SendRequest): Promise<SendResponse> {
    const release = await this.limiter.acquire();
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'odata-version': '4.0',
        'odata-maxversion': '4.0',
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': this.userAgent,
        ...req.headers,
      };
      if (this.tokens) headers.authorization = `Bearer ${await this.tokens.getToken()}`;
      const url = new URL(req.url);
      const res = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: req.method,
        headers,
        body: req.body,
      });
      const encoding = res.headers['content-encoding'];
      if (req.bytes || encoding) {
        const raw = Buffer.from(await res.body.arrayBuffer());
        const bytes = encoding ? decodeBody(raw, encoding) : raw;
        // Errors are read as text whatever was asked: their OData error body says what went wrong.
        if (req.bytes && res.statusCode < 400)
          return { status: res.statusCode, headers: res.headers, body: '', bytes };
        return { status: res.statusCode, headers: res.headers, body: bytes.toString('utf8') };
      }
      return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
    } finally {
      release();
    }
  }
}
