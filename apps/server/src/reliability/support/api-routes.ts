import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from '../../route-table.js';

/** The API routes of the app as registered (HEAD twins of GETs and the docs UI left out). */
export function apiRoutes(app: FastifyInstance): RegisteredRoute[] {
  return app.routeTable.filter(
    (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD',
  );
}

/** The route's URL with each `:param` replaced. */
export function fillUrl(url: string, value: (param: string) => string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(value(name)));
}

/** A well-formed id that names nothing. */
export const NOBODY = '00000000-0000-4000-8000-00000000dead';

/** Whether a response is an RFC 9457 problem document of its own status. */
export function isProblem(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}): boolean {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) return false;
  try {
    const doc = JSON.parse(res.body) as { status?: unknown; title?: unknown };
    return doc.status === res.statusCode && typeof doc.title === 'string';
  } catch {
    return false;
  }
}
