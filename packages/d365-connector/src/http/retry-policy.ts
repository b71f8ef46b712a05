/** How failed requests are retried. */
export interface RetryPolicy {
  /** Most attempts per request, the first included. */
  maxAttempts: number;
  /**
   * Most attempts while the server throttles (429, 503): it asks for a wait, it has not failed. Six
   * were used up by a burst of throttling a long run meets now and then (15 % of requests throttled,
   * concurrency down to one, so one request met every answer of the burst); `budgetMs` still bounds it.
   */
  maxThrottledAttempts: number;
  /** First backoff; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time a request may spend retrying (waits included); past it the last error is raised. */
  budgetMs: number;
  /** When F&O sends 429 without Retry-After (Microsoft's samples wait 30 s). */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  maxThrottledAttempts: 12,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
  defaultRetryAfterMs: 30_000,
};

/** Parses `Retry-After` (delta seconds or an HTTP date) to milliseconds; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter for the given (1-based) failed attempt. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** The wait before the next attempt, or undefined when the budget would be exceeded. */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  startedAt: number,
  retryAfterMs: number | undefined,
  now = Date.now(),
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const delay = retryAfterMs ?? backoffDelay(policy, attempt);
  return now + delay - startedAt > policy.budgetMs ? undefined : delay;
}

/** `nextDelay` after a throttled answer (429, 503, a throttled `$batch` part). */
export function nextThrottledDelay(
  policy: RetryPolicy,
  attempt: number,
  startedAt: number,
  retryAfterMs: number | undefined,
  now = Date.now(),
): number | undefined {
  const maxAttempts = policy.maxThrottledAttempts ?? policy.maxAttempts;
  return nextDelay({ ...policy, maxAttempts }, attempt, startedAt, retryAfterMs, now);
}

/** Resolves after `ms` (an abortable sleep). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
