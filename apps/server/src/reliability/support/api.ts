/** An answer of the Flowline API, as both `app.inject` and {@link HttpApi} give it. */
export interface ApiResponse {
  statusCode: number;
  body: string;
  json(): unknown;
}

/** What the reliability helpers need of a signed-in API client (the inject clients of tests fit). */
export interface Api {
  get(url: string): Promise<ApiResponse>;
  post(url: string, payload?: unknown): Promise<ApiResponse>;
}

/** A signed-in client of a Flowline server over real HTTP (session cookie and CSRF token). */
export class HttpApi implements Api {
  private constructor(
    private readonly base: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** Signs in with email and password through `/api/auth/login`. */
  static async signIn(base: string, email: string, password: string): Promise<HttpApi> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200)
      throw new Error(`Sign-in to ${base} as ${email} failed: ${res.status} ${await res.text()}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return new HttpApi(base, { cookie, 'x-csrf-token': csrfToken });
  }

  get(url: string): Promise<ApiResponse> {
    return this.send('GET', url);
  }

  post(url: string, payload?: unknown): Promise<ApiResponse> {
    return this.send('POST', url, payload);
  }

  private async send(method: string, url: string, payload?: unknown): Promise<ApiResponse> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: { ...this.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const body = await res.text();
    return { statusCode: res.status, body, json: () => JSON.parse(body) as unknown };
  }
}

/** The `id` of a JSON answer. */
export const idOf = (res: ApiResponse): string => (res.json() as { id: string }).id;
