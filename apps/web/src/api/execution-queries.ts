import type {
  ExecutionAccepted,
  ExecutionDetail,
  ExecutionDocumentList,
  ExecutionList,
  ExecutionStatus,
  RerunAccepted,
} from '@flowline/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

const ended: ExecutionStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/** Executions, newest first, filtered by process and status. */
export function useExecutions(filter: { processId?: string; status?: string }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
  return useQuery({
    queryKey: ['executions', filter],
    queryFn: () => api<ExecutionList>(`/api/executions?${params}`),
    refetchInterval: (q) => (q.state.data?.items.some((e) => !ended.includes(e.status)) ? 2000 : false),
  });
}

/** One execution; polled while it has not ended (the SSE stream drives the canvas instead). */
export function useExecution(id: string) {
  return useQuery({
    queryKey: ['execution', id],
    queryFn: () => api<ExecutionDetail>(`/api/executions/${id}`),
    refetchInterval: (q) => (q.state.data && !ended.includes(q.state.data.status) ? 1500 : false),
  });
}

export function useExecutionDocuments(id: string, shapeId: string | undefined, direction: string) {
  return useQuery({
    queryKey: ['execution-documents', id, shapeId, direction],
    queryFn: () =>
      api<ExecutionDocumentList>(
        `/api/executions/${id}/documents?${new URLSearchParams({ ...(shapeId ? { shapeId } : {}), direction, limit: '200' })}`,
      ),
  });
}

export const startExecution = (processId: string, mode: 'test' | 'full') =>
  api<ExecutionAccepted>(`/api/processes/${processId}/executions`, { method: 'POST', json: { mode } });

export function useExecutionAction(id: string, action: 'cancel' | 'rerun-failed') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<RerunAccepted | undefined>(`/api/executions/${id}/${action}`, { method: 'POST' }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['execution', id] });
      client.invalidateQueries({ queryKey: ['executions'] });
    },
  });
}

export const isEnded = (s: ExecutionStatus) => ended.includes(s);
