import type { Problem } from '@flowline/contracts';

/** An API answer that was not a success, with the problem document the server sent. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(describeProblem(status, problem));
  }

  /** A member the problem document adds to the standard ones (e.g. `current` on 412, `usedBy` on 409). */
  extra<T>(name: string): T | undefined {
    return (this.problem as Record<string, unknown> | undefined)?.[name] as T | undefined;
  }
}

/** One readable sentence for a failed request. */
export function describeProblem(status: number, problem: Problem | undefined): string {
  if (!problem)
    return status === 0 ? 'The Flowline server cannot be reached.' : `The server answered ${status}.`;
  const first = problem.errors?.[0];
  if (first) return `${problem.title}: ${first.path.replace(/^\/body\//, '')} ${first.message}`;
  return problem.detail ?? problem.title;
}

let csrfToken: string | undefined;

type SessionLost = (change: boolean) => void;
const sessionListeners = new Set<SessionLost>();

/**
 * Calls `listener` whenever a request answers 401: the session ended while the page was open (expired,
 * signed out in another tab, or ended by an administrator). `change`: the request would have changed
 * something. Returns the unsubscribe.
 */
export function onSessionLost(listener: SessionLost): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** The session's CSRF token, sent with every change (set after sign-in). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Calls the API; answers the parsed JSON or throws an ApiError. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const changes = rest.method !== undefined && rest.method !== 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: {
        accept: 'application/json',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(changes && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...rest.headers,
      },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  const text = await response.text();
  const body = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = new ApiError(response.status, isProblem(body) ? body : undefined);
    // The sign-in routes answer 401 for a wrong password or no session: that is theirs to show.
    if (response.status === 401 && !path.startsWith('/api/auth/'))
      for (const listener of sessionListeners) listener(changes);
    throw error;
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}
