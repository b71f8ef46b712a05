/** API calls over real HTTP for the load run: each one timed, and judged against what it may answer. */
import { Agent, request } from 'undici';

export type CallKind = 'read' | 'write';

export interface Answer {
  status: number;
  etag: string | undefined;
  /** The parsed body; callers check the fields they rely on. */
  json: unknown;
}

/** Every call's time by kind, counts by route and status, and every failure in words. */
export class Recorder {
  readonly times: Record<CallKind, number[]> = { read: [], write: [] };
  readonly counts = new Map<string, number>();
  readonly failures: string[] = [];

  record(kind: CallKind, label: string, status: number, ms: number): void {
    this.times[kind].push(ms);
    const key = `${label} ${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  fail(message: string): void {
    this.failures.push(message);
  }

  /** What was recorded so far, as a copy that later calls do not change. */
  copy(): Recorder {
    const copy = new Recorder();
    copy.times.read = [...this.times.read];
    copy.times.write = [...this.times.write];
    for (const [k, n] of this.counts) copy.counts.set(k, n);
    copy.failures.push(...this.failures);
    return copy;
  }

  /** Forgets everything, for the next phase. */
  reset(): void {
    this.times.read = [];
    this.times.write = [];
    this.counts.clear();
    this.failures.length = 0;
  }
}

// A request still unanswered after this is a failure: the suite must end, not hang.
const TIMEOUT_MS = 60_000;
// Idle connections are dropped long before the server's keep-alive timeout (Fastify: 72 s), so a
// request never races the server closing the connection it was sent on (a browser retries those;
// this client would count them as failures, though the server did nothing wrong).
const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000 });

/** One signed-in user: its own session cookie and CSRF token, as a browser would hold them. */
export class ApiSession {
  private constructor(
    readonly base: string,
    readonly email: string,
    private readonly headers: Record<string, string>,
    private readonly recorder: Recorder,
  ) {}

  /** Signs in through POST /api/auth/login, keeping the cookie and the CSRF token it answers. */
  static async signIn(
    base: string,
    email: string,
    password: string,
    recorder: Recorder,
  ): Promise<ApiSession> {
    const res = await request(`${base}/api/auth/login`, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.body.json()) as { csrfToken?: string };
    const setCookie = res.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];
    if (res.statusCode !== 200 || !cookie || !body.csrfToken)
      throw new Error(`sign-in of ${email} answered ${res.statusCode}: ${JSON.stringify(body)}`);
    return new ApiSession(base, email, { cookie, 'x-csrf-token': body.csrfToken }, recorder);
  }

  /**
   * Calls the API; an answer outside `expected`, a connection error or a timeout is recorded as a
   * failure (naming the call) and answers undefined, so the client carries on.
   */
  async call(
    kind: CallKind,
    label: string,
    method: string,
    path: string,
    expected: number[],
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer | undefined> {
    const started = performance.now();
    const what = `${this.email}: ${method} ${path}`;
    try {
      const res = await request(this.base + path, {
        dispatcher: agent,
        method: method as 'GET',
        headers: {
          ...this.headers,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.body.text();
      this.recorder.record(kind, label, res.statusCode, performance.now() - started);
      if (!expected.includes(res.statusCode)) {
        this.recorder.fail(`${what} answered ${res.statusCode}: ${text.slice(0, 300)}`);
        return undefined;
      }
      const etag = res.headers.etag;
      return {
        status: res.statusCode,
        etag: typeof etag === 'string' ? etag : undefined,
        json: text ? JSON.parse(text) : undefined,
      };
    } catch (e) {
      const cause = (e as Error & { cause?: Error }).cause;
      this.recorder.fail(`${what} failed: ${(e as Error).message}${cause ? ` (${cause.message})` : ''}`);
      return undefined;
    }
  }

  /** Records a wrong answer this client noticed in a body. */
  fail(message: string): void {
    this.recorder.fail(`${this.email}: ${message}`);
  }

  /** A read that must answer 200. */
  get(label: string, path: string): Promise<Answer | undefined> {
    return this.call('read', label, 'GET', path, [200]);
  }
}
