import type { Api } from './api.js';
import { until } from './flowline-server.js';

/** The parts of an execution's detail the crash tests read. */
export interface ExecutionDetail {
  id: string;
  status: string;
  attempts: number;
  error: string | null;
  shapes: Record<string, { in: number; out: number; failed: number; skipped: number }>;
}

async function detail(api: Api, id: string): Promise<ExecutionDetail> {
  const res = await api.get(`/api/executions/${id}`);
  if (res.statusCode !== 200) throw new Error(`GET /api/executions/${id}: ${res.statusCode} ${res.body}`);
  return res.json() as ExecutionDetail;
}

/** How long an interrupted execution may wait for a worker's automatic resume before a person resumes it. */
const AUTO_RESUME_GRACE_MS = 5000;

/**
 * After a crash: waits for the execution's `attempt`-th resume. A worker resumes it by itself when
 * automatic resume is on; otherwise (or if none does within a few seconds) it is resumed through
 * `POST /api/executions/:id/resume`, as a person would. Answers which of the two happened.
 */
export async function resumeAfterCrash(
  api: Api,
  id: string,
  attempt: number,
): Promise<'automatically' | 'through the API'> {
  let interruptedSince: number | undefined;
  let how: 'automatically' | 'through the API' = 'automatically';
  await until(
    async () => {
      const e = await detail(api, id);
      if (e.attempts >= attempt) return true;
      if (e.status !== 'interrupted') return false;
      interruptedSince ??= Date.now();
      if (Date.now() - interruptedSince < AUTO_RESUME_GRACE_MS) return false;
      const res = await api.post(`/api/executions/${id}/resume`);
      // 409: a worker resumed it meanwhile.
      if (res.statusCode === 202) how = 'through the API';
      else if (res.statusCode !== 409) throw new Error(`resume: ${res.statusCode} ${res.body}`);
      return false;
    },
    `execution ${id} to be resumed (attempt ${attempt})`,
    120_000,
  );
  return how;
}

/** Waits until the execution has ended; answers its detail. */
export async function finishedExecution(api: Api, id: string, ms = 300_000): Promise<ExecutionDetail> {
  let last: ExecutionDetail | undefined;
  await until(
    async () => {
      last = await detail(api, id);
      return !['queued', 'running', 'interrupted'].includes(last.status);
    },
    `execution ${id} to end`,
    ms,
  );
  return last!;
}
