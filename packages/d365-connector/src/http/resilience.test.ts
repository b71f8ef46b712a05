import { describe, expect, it } from 'vitest';
import { rewriteNextLink } from '../client/next-link.js';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import { type ConcurrencyError, ForbiddenError, redactUrl, ValidationError } from './errors.js';
import { errorForStatus, infologLines } from './odata-error-body.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  nextDelay,
  nextThrottledDelay,
  parseRetryAfter,
} from './retry-policy.js';
import { scopeFor } from './token-provider.js';

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, within the time budget', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(p, 1, () => 0)).toBe(50);
    expect(backoffDelay(p, 3, () => 1)).toBe(400);
    expect(backoffDelay(p, 10, () => 1)).toBe(1000);
    expect(nextDelay(p, 1, 0, 5000, 0)).toBe(5000);
    expect(nextDelay({ ...p, budgetMs: 1000 }, 1, 0, 5000, 0)).toBeUndefined();
    expect(nextDelay(p, p.maxAttempts, 0, 1, 0)).toBeUndefined();
    // Throttling is waited out longer, within the same time budget.
    expect(nextThrottledDelay(p, p.maxAttempts, 0, 1, 0)).toBe(1);
    expect(nextThrottledDelay(p, p.maxThrottledAttempts, 0, 1, 0)).toBeUndefined();
    expect(nextThrottledDelay({ ...p, budgetMs: 1000 }, 1, 0, 5000, 0)).toBeUndefined();
  });

  it('halves concurrency on throttling and raises it again after successes', async () => {
    const limiter = new AdaptiveLimiter(8, 2);
    limiter.throttled();
    limiter.throttled();
    expect(limiter.limit).toBe(2);
    const releases = [await limiter.acquire(), await limiter.acquire()];
    let third = false;
    const pending = limiter.acquire().then((r) => {
      third = true;
      return r;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    releases[0]!();
    (await pending)();
    expect(third).toBe(true);
    for (let i = 0; i < 4; i++) limiter.succeeded();
    expect(limiter.limit).toBe(4);
  });
});

describe('errors', () => {
  it('keeps secrets out of URLs', () => {
    expect(redactUrl('https://u:p@h/data/X?client_secret=s&$top=1')).toBe(
      'https://h/data/X?client_secret=REDACTED&%24top=1',
    );
  });

  it("splits F&O's Infolog and explains 403 in plain words", () => {
    const text =
      "Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Warning: The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'.; Warning: validateField failed on field 'CustCustomerV3Entity.CustomerGroupId'.";
    expect(infologLines(text)).toEqual([
      "Warning: The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'.",
      "Warning: validateField failed on field 'CustCustomerV3Entity.CustomerGroupId'.",
    ]);
    const body = JSON.stringify({
      error: { code: '', message: 'An error has occurred.', innererror: { message: text, type: 'X' } },
    });
    const e = errorForStatus(
      { method: 'POST', url: 'https://h/data/CustomersV3', status: 500 },
      body,
    ) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.infolog).toHaveLength(2);
    expect(e.message).toContain('POST https://h/data/CustomersV3 → 500');
    expect(errorForStatus({ method: 'GET', url: 'u', status: 403 }, '')).toBeInstanceOf(ForbiddenError);
    const c = errorForStatus({ method: 'PATCH', url: 'u', status: 412 }, '', {
      sentEtag: 'W/"a"',
    }) as ConcurrencyError;
    expect(c.sentEtag).toBe('W/"a"');
  });

  it('derives the scope without the trailing slash', () => {
    expect(scopeFor('https://contoso.operations.dynamics.com/')).toBe(
      'https://contoso.operations.dynamics.com/.default',
    );
  });
});

describe('nextLink', () => {
  const root = 'https://contoso.operations.dynamics.com/data';
  it('rewrites another host onto the configured service root, keeping $skip and $skiptoken', () => {
    expect(
      rewriteNextLink(
        'https://lb-42.internal/data/SalesOrderHeadersV3?cross-company=true&$skip=10000&$top=10000',
        root,
        true,
      ),
    ).toBe(`${root}/SalesOrderHeadersV3?cross-company=true&$skip=10000&$top=10000`);
    expect(rewriteNextLink('Books?$skiptoken=abc', root, false)).toBe(`${root}/Books?$skiptoken=abc`);
  });

  it('carries cross-company=true onto pages that lost it', () => {
    expect(rewriteNextLink(`${root}/CustomersV3?$skip=100`, root, true)).toBe(
      `${root}/CustomersV3?$skip=100&cross-company=true`,
    );
  });
});
