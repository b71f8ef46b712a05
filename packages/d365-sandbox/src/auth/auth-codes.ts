import { randomBytes } from 'node:crypto';
import type { ResolvedUser } from './test-users.js';

/** What an authorization code stands for; it is redeemed once, by the same client and redirect URI. */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce?: string;
  /** S256 PKCE challenge, when the authorization request carried one. */
  codeChallenge?: string;
  user: ResolvedUser;
}

/** Entra's codes live about ten minutes. */
export const CODE_LIFETIME_MS = 10 * 60_000;

/** Single-use, short-lived authorization codes, remembered after use so a replay is told apart. */
export class AuthCodes {
  private readonly live = new Map<string, CodeGrant & { expiresAt: number }>();
  private readonly redeemed = new Map<string, number>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly lifetimeMs = CODE_LIFETIME_MS,
  ) {}

  /** Issues a new code for a grant. */
  issue(grant: CodeGrant): string {
    const now = this.clock();
    this.sweep(now);
    const code = randomBytes(48).toString('base64url');
    this.live.set(code, { ...grant, expiresAt: now + this.lifetimeMs });
    return code;
  }

  /** Takes a code out (whatever happens next, it cannot be used again). */
  take(code: string): CodeGrant | 'redeemed' | 'expired' | undefined {
    const now = this.clock();
    const grant = this.live.get(code);
    if (!grant) return this.redeemed.has(code) ? 'redeemed' : undefined;
    this.live.delete(code);
    this.redeemed.set(code, grant.expiresAt);
    return grant.expiresAt <= now ? 'expired' : grant;
  }

  // Codes nobody redeems, and the memory of redeemed ones, go once they could no longer be used anyway.
  private sweep(now: number): void {
    if (this.live.size + this.redeemed.size < 1000) return;
    for (const [code, g] of this.live) if (g.expiresAt <= now) this.live.delete(code);
    for (const [code, until] of this.redeemed) if (until <= now) this.redeemed.delete(code);
  }
}
