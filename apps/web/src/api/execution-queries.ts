import type {
  ExecutionAccepted,
  ExecutionDetail,
  ExecutionDocumentList,
  ExecutionList,
  ExecutionMode,
  ExecutionStatus,
  LatestExecutions,
  RerunAccepted,
  StartExecution,
  TrackedSearchResult,
} from '@flowline/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';

const ended: ExecutionStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/**
 * Runs start and end without this page knowing (from the canvas, a script, another person): a list of
 * them is read afresh each time it is shown, never from the app's 5-second cache.
 */
const fresh = 0;

/** Polled every 2 s while a listed execution has not ended. */
const whileRunning = (q: { state: { data?: { items: { status: ExecutionStatus }[] } } }) =>
  q.state.data?.items.some((e) => !ended.includes(e.status)) ? 2000 : false;

/** Executions, newest first, filtered by process and status, a page (`limit` from `offset`) at a time. */
export function useExecutions(filter: {
  processId?: string;
  status?: string;
  mode?: string;
  /** Queued at or after, and before (instants). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, String(v));
  return useQuery({
    queryKey: ['executions', filter],
    queryFn: () => api<ExecutionList>(`/api/executions?${params}`),
    staleTime: fresh,
    refetchInterval: whileRunning,
    // Paging and filtering keep the last page on screen until the next arrives.
    placeholderData: keepPreviousData,
  });
}

/** The newest execution of each process that has run; kept fresh while one of them is running. */
export function useLatestExecutions() {
  return useQuery({
    queryKey: ['executions', 'latest'],
    queryFn: () => api<LatestExecutions>('/api/executions/latest'),
    staleTime: fresh,
    refetchInterval: whileRunning,
  });
}

/** The executions that wrote a record with this tracked value (a customer account, an order number). */
export function useTrackedSearch(value: string) {
  return useQuery({
    queryKey: ['executions-search', value],
    queryFn: () =>
      api<TrackedSearchResult>(`/api/executions/search?${new URLSearchParams({ tracked: value })}`),
    enabled: value !== '',
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

/** Documents a page of the documents panel shows. */
export const DOCUMENTS_PAGE = 200;

const documentsUrl = (
  id: string,
  shapeId: string | undefined,
  direction: string,
  offset: number,
  limit: number,
) =>
  `/api/executions/${id}/documents?${new URLSearchParams({
    ...(shapeId ? { shapeId } : {}),
    direction,
    limit: String(limit),
    offset: String(offset),
  })}`;

/**
 * One page of the documents a shape kept. While the execution runs they are read again as they come;
 * when it ends (`running` turns false, a new key), once more: the last ones were kept at its end.
 */
export function useExecutionDocuments(
  id: string,
  shapeId: string | undefined,
  direction: string,
  offset: number,
  running: boolean,
) {
  return useQuery({
    queryKey: ['execution-documents', id, shapeId, direction, offset, running],
    queryFn: () => api<ExecutionDocumentList>(documentsUrl(id, shapeId, direction, offset, DOCUMENTS_PAGE)),
    placeholderData: keepPreviousData,
    refetchInterval: running ? 1500 : false,
  });
}

/** Every document a shape kept in one direction, page after page (the API answers 1,000 at most at once). */
export async function everyExecutionDocument(id: string, shapeId: string | undefined, direction: string) {
  const items: ExecutionDocumentList['items'] = [];
  for (;;) {
    const page = await api<ExecutionDocumentList>(documentsUrl(id, shapeId, direction, items.length, 1000));
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export const startExecution = (
  processId: string,
  mode: ExecutionMode,
  documents?: StartExecution['documents'],
) =>
  api<ExecutionAccepted>(`/api/processes/${processId}/executions`, {
    method: 'POST',
    json: documents ? { mode, documents } : { mode },
  });

export function useExecutionAction(id: string, action: 'cancel' | 'rerun-failed' | 'run-again') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<RerunAccepted | ExecutionAccepted | undefined>(`/api/executions/${id}/${action}`, {
        method: 'POST',
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['execution', id] });
      client.invalidateQueries({ queryKey: ['executions'] });
    },
  });
}

export const isEnded = (s: ExecutionStatus) => ended.includes(s);
