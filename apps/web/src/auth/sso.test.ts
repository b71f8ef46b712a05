import { describe, expect, it } from 'vitest';
import { describeSsoError, ssoStartUrl } from './sso.js';

describe('single sign-on on the sign-in page', () => {
  it('says at which step signing in with Microsoft failed, with the reason', () => {
    expect(describeSsoError({ step: 'token', message: 'invalid_grant: AADSTS54005: already redeemed' })).toBe(
      'Signing in with Microsoft failed while redeeming the sign-in: invalid_grant: AADSTS54005: already redeemed',
    );
    expect(describeSsoError({ step: 'internal', message: 'try again' })).toBe(
      'Signing in with Microsoft failed: try again',
    );
  });

  it('starts at the server and comes back to the page the person was on', () => {
    expect(ssoStartUrl({ pathname: '/components/1', search: '?tab=x' })).toBe(
      '/api/auth/sso/start?returnTo=%2Fcomponents%2F1%3Ftab%3Dx',
    );
  });
});
