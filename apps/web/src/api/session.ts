import type { LoginRequest, SessionInfo, SetupRequest } from '@flowline/contracts';
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
