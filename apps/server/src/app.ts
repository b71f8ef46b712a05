import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { componentRoutes } from './components/components.routes.js';
import type { Db } from './db/prisma.js';
import { registerProblemHandler } from './errors/problem.js';
import { folderRoutes } from './folders/folders.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { registerValidation } from './validation.js';
import { webPlugin } from './web/web.plugin.js';

export interface AppOptions {
  db: Db;
  version: string;
  /** Folder of the built web app; not served when absent. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

/** Secrets and session cookies never reach the log. */
export const logRedactions = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/** Builds the API server: plugins first, then the routes, then the web app (fastify/demo's order). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
  });
  registerValidation(app);
  registerProblemHandler(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Flowline API',
        version: options.version,
        description:
          'Components, processes and executions of Flowline. Every error is an RFC 9457 problem document.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { db: options.db, version: options.version });
  await app.register(folderRoutes, { db: options.db });
  await app.register(componentRoutes, { db: options.db });

  if (options.webRoot) await app.register(webPlugin, { root: options.webRoot });
  return app;
}
