import type { ExecutionDetail, ExecutionMode, ExecutionStatus, ShapeCounts } from '@flowline/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.js';
import { startExecution } from '../api/execution-queries.js';
import type { RunState } from './run-context.js';
import type { RunDocuments } from './run-documents.js';

type Counts = Record<string, ShapeCounts>;
export type RunProblem = { code: string; shapeId?: string; message: string };

/** Starts a run and follows it over server-sent events: counts per shape, the running shape, the end. */
export function useLiveRun(processId: string) {
  const [run, setRun] = useState<RunState | null>(null);
  const [problems, setProblems] = useState<RunProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const source = useRef<EventSource | null>(null);
  useEffect(() => () => source.current?.close(), []);

  const follow = useCallback((executionId: string) => {
    source.current?.close();
    const es = new EventSource(`/api/executions/${executionId}/events`);
    source.current = es;
    const patch = (f: (r: RunState) => RunState) =>
      setRun((r) => (r && r.executionId === executionId ? f(r) : r));
    const on = (type: string, handle: (data: Record<string, unknown>) => void) =>
      es.addEventListener(type, (e) => handle(JSON.parse((e as MessageEvent).data)));
    on('snapshot', (d) =>
      patch((r) => ({ ...r, status: d.status as ExecutionStatus, shapes: (d.shapes as Counts) ?? {} })),
    );
    on('started', () => patch((r) => ({ ...r, status: 'running' })));
    on('shapeStarted', (d) => patch((r) => ({ ...r, active: new Set([...r.active, d.shapeId as string]) })));
    on('progress', (d) => patch((r) => ({ ...r, shapes: d.shapes as Counts })));
    on('documentFailed', (d) =>
      patch((r) => ({ ...r, failedShapes: new Set([...r.failedShapes, d.shapeId as string]) })),
    );
    on('finished', (d) => {
      patch((r) => ({
        ...r,
        status: d.status as ExecutionStatus,
        shapes: (d.shapes as Counts) ?? r.shapes,
        active: new Set(),
      }));
      if (d.error) setError(String(d.error));
      es.close();
      // Read from the stored log, not from live events: a worker in another process sends none.
      api<ExecutionDetail>(`/api/executions/${executionId}`)
        .then((ex) => {
          const notes = ex.logs.filter((l) => l.level === 'info').map((l) => l.message);
          if (notes.length > 0) patch((r) => ({ ...r, notes }));
        })
        .catch(() => {}); // only a note: the run's own status is already shown
    });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) return;
    };
  }, []);

  const start = useCallback(
    async (mode: ExecutionMode, documents?: RunDocuments) => {
      setProblems([]);
      setError(null);
      try {
        const { id } = await startExecution(processId, mode, documents);
        setRun({
          executionId: id,
          mode,
          status: 'starting',
          shapes: {},
          active: new Set(),
          failedShapes: new Set(),
        });
        follow(id);
      } catch (e) {
        if (e instanceof ApiError && e.status === 422) setProblems(e.extra<RunProblem[]>('problems') ?? []);
        setError((e as Error).message);
      }
    },
    [processId, follow],
  );
  return { run, problems, error, start, clear: () => setRun(null) };
}
