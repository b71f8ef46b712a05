import type { AuditList, CreateUser, UpdateUser, User, UserList } from '@flowline/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

const keys = { users: ['users'] as const, audit: ['audit'] as const };

export function useUsers() {
  return useQuery({ queryKey: keys.users, queryFn: () => api<UserList>('/api/users') });
}

/** The audit log's newest entries, of one action if `action` is set. */
export function useAudit(limit: number, action: string) {
  const params = new URLSearchParams({ limit: String(limit), ...(action ? { action } : {}) });
  return useQuery({
    queryKey: [...keys.audit, limit, action],
    queryFn: () => api<AuditList>(`/api/audit?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUser) => api<User>('/api/users', { method: 'POST', json: input }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.users }),
        client.invalidateQueries({ queryKey: keys.audit }),
      ]),
  });
}

export function useUpdateUser(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateUser) => api<User>(`/api/users/${id}`, { method: 'PATCH', json: input }),
    onSuccess: (user) => {
      client.setQueryData<UserList>(
        keys.users,
        (list) => list && { items: list.items.map((u) => (u.id === user.id ? user : u)) },
      );
      return client.invalidateQueries({ queryKey: keys.audit });
    },
  });
}
