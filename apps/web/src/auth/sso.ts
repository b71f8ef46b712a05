import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';

/** What `GET /api/auth/sso` answers: whether single sign-on is on, and why the last attempt failed. */
export interface SsoStatus {
  enabled: boolean;
  error?: { step: string; message: string };
}

const STEPS: Record<string, string> = {
  start: 'reaching Microsoft',
  state: 'checking the answer from Microsoft',
  authorize: 'signing in at Microsoft',
  token: 'redeeming the sign-in',
  tenant: 'checking your organisation',
  account: 'finding your Flowline account',
};

/** One sentence saying at which step single sign-on failed and why. */
export function describeSsoError(error: { step: string; message: string }): string {
  const step = STEPS[error.step];
  return step
    ? `Signing in with Microsoft failed while ${step}: ${error.message}`
    : `Signing in with Microsoft failed: ${error.message}`;
}

let taken: { token: string | null } | undefined;

/** Takes the sealed error the server sent back (`?sso_error=`) out of the address, once per page load. */
export function takeSsoErrorToken(): string | null {
  if (taken) return taken.token;
  const url = new URL(window.location.href);
  taken = { token: url.searchParams.get('sso_error') };
  if (taken.token !== null) {
    url.searchParams.delete('sso_error');
    // A reload must not show an old failure again.
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return taken.token;
}

/** Whether single sign-on is on; the server opens the sealed error token (it cannot be forged). */
export function useSsoStatus(errorToken: string | null) {
  return useQuery({
    queryKey: ['sso', errorToken],
    queryFn: () =>
      api<SsoStatus>(`/api/auth/sso${errorToken ? `?error=${encodeURIComponent(errorToken)}` : ''}`),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Where "Sign in with Microsoft" leads: the server's start route, coming back to this page. */
export function ssoStartUrl(location: { pathname: string; search: string }): string {
  return `/api/auth/sso/start?${new URLSearchParams({ returnTo: `${location.pathname}${location.search}` })}`;
}
