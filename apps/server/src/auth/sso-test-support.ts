import { type Dispatcher, fetch } from 'undici';

/** One hop of a browser following redirects. */
export interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
  body: string;
}

/**
 * A browser's part in a sign-in, for tests: follows redirects by hand across Flowline and the sandbox,
 * keeping Flowline's cookies (the sandbox sets none), and records every hop.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly hops: Hop[] = [];

  constructor(
    private readonly flowlineOrigin: string,
    private readonly dispatcher: Dispatcher,
  ) {}

  /** Requests one URL (no redirect followed). */
  async get(url: string): Promise<Hop> {
    const mine = new URL(url).origin === this.flowlineOrigin;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      redirect: 'manual',
      dispatcher: this.dispatcher,
      headers: mine && cookie ? { cookie } : {},
    });
    const hop: Hop = {
      url,
      status: res.status,
      location: res.headers.get('location') ?? undefined,
      setCookies: res.headers.getSetCookie(),
      body: await res.text(),
    };
    if (mine) {
      for (const line of hop.setCookies) {
        const [pair = ''] = line.split(';');
        const name = pair.slice(0, pair.indexOf('='));
        const value = pair.slice(pair.indexOf('=') + 1);
        if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
    this.hops.push(hop);
    return hop;
  }

  /**
   * Follows redirects from `url` until an answer that is not one, or one that leads to a page of the
   * web app (which a browser would load; this test server has none). `change` may rewrite each next URL.
   */
  async follow(url: string, change: (next: URL) => URL = (u) => u): Promise<Hop> {
    let hop = await this.get(url);
    for (let i = 0; i < 10 && hop.status >= 300 && hop.status < 400 && hop.location; i++) {
      const next = new URL(hop.location, hop.url);
      if (next.origin === this.flowlineOrigin && !next.pathname.startsWith('/api/')) break;
      hop = await this.get(change(next).toString());
    }
    return hop;
  }
}
