import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Access } from './auth/access.js';

/** One registered route as declared: what the reliability suite enumerates, so none is forgotten. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after `recordRoutes`, in order. */
    routeTable: RegisteredRoute[];
  }
}

/** Records each route as it is registered (call before any route or plugin). */
export function recordRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
  });
}
