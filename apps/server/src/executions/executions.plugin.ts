import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ComponentsService } from '../components/components.service.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import { executionEventsRoute } from './execution-events.route.js';
import { executionRoutes } from './executions.routes.js';
import { ExecutionsHost } from './executions-host.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Executions: `await app.executions.start({ databaseUrl, worker })` starts the queue (and a worker). */
    executions: ExecutionsHost;
  }
}

/** Execution routes and their host; the queue starts when `app.executions.start()` is called (main.ts, tests). */
export const executionsPlugin = fp(
  async (
    app: FastifyInstance,
    { components, connections }: { components: ComponentsService; connections: ConnectionsService },
  ) => {
    const host = new ExecutionsHost(app.db, components, connections, {
      info: (msg) => app.log.info(msg),
      error: (msg) => app.log.error(msg),
    });
    app.decorate('executions', host);
    app.addHook('onClose', () => host.stop());
    await app.register(executionRoutes, { host });
    await app.register(executionEventsRoute, { host });
  },
  { name: 'flowline-executions' },
);
