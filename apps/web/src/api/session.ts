import { type LoginRequest, roles, type SessionInfo, type SetupRequest } from '@flowline/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client.js';

const key = ['session'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        const session = await api<SessionInfo>('/api/auth/me');
        setCsrfToken(session.csrfToken);
        return session;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Whether the signed-in person's role grants `access` (`design`: create and change components). */
export function useMay(access: keyof typeof roles): boolean {
  const role = useSession().data?.user.role;
  return role !== undefined && (roles[access] as readonly string[]).includes(role);
}

function useStartSession<T>(url: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => api<SessionInfo>(url, { method: 'POST', json: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== key[0] });
      client.setQueryData(key, session);
    },
  });
}

export const useLogin = () => useStartSession<LoginRequest>('/api/auth/login');
export const useSetup = () => useStartSession<SetupRequest>('/api/auth/setup');

/**
 * Signs in again over the open page after its session ended, with a password, or (`'elsewhere'`) by
 * taking up the session a sign-in with Microsoft in another tab started. The same person keeps
 * everything on the page, unsaved changes too, and what failed meanwhile loads again; anyone else
 * starts afresh from the start page, so nothing of the previous person's stays on screen.
 */
export function useSignInAgain(currentUserId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginRequest | 'elsewhere') => {
      if (input !== 'elsewhere') return api<SessionInfo>('/api/auth/login', { method: 'POST', json: input });
      try {
        return await api<SessionInfo>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401)
          throw new Error('Not signed in yet: finish signing in with Microsoft in the other tab first.');
        throw e;
      }
    },
    onSuccess: (session) => {
      if (session.user.id !== currentUserId) {
        window.location.assign('/');
        return;
      }
      setCsrfToken(session.csrfToken);
      client.setQueryData(key, session);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== key[0] });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(undefined);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== key[0] });
      client.setQueryData(key, null);
    },
  });
}
