import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { authPlugin } from './auth/auth.plugin.js';
import { authRoutes } from './auth/auth.routes.js';
import type { SetupToken } from './auth/first-admin.js';
import { ssoRoutes } from './auth/sso.routes.js';
import type { SsoConfig } from './auth/sso-config.js';
import { userRoutes } from './auth/users.routes.js';
import { componentRoutes } from './components/components.routes.js';
import { ComponentsService } from './components/components.service.js';
import { SecretBox } from './components/secrets.js';
import type { ConnectionDefaults } from './connections/connection-config.js';
import { connectionRoutes } from './connections/connections.routes.js';
import { ConnectionsService } from './connections/connections.service.js';
import { MetadataStore } from './connections/metadata-store.js';
import { operationSampleRoutes } from './connections/operation-sample.js';
import type { Db } from './db/prisma.js';
import { frameworkErrors, registerProblemHandler } from './errors/problem.js';
import { executionsPlugin } from './executions/executions.plugin.js';
import { folderRoutes } from './folders/folders.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { recordRoutes } from './route-table.js';
import { type SandboxAccess, sandboxRoutes } from './sandbox/sandbox.routes.js';
import { registerValidation } from './validation.js';
import { webPlugin } from './web/web.plugin.js';

export interface AppOptions {
  db: Db;
  version: string;
  /** The 32-byte key that encrypts secret fields at rest. */
  secretKey: Buffer;
  /** Present while the first administrator is still to be created. */
  setupToken?: SetupToken;
  /** Folder of the built web app; not served when absent. */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  secureCookies?: boolean;
  /** What every connection gets, e.g. the CA certificate of the local sandbox. */
  connectionDefaults?: ConnectionDefaults;
  /** Single sign-on with Microsoft Entra ID; off when absent. */
  sso?: SsoConfig;
  /** The local D365 sandbox `npm start` runs, when it does. */
  sandbox?: SandboxAccess;
}

/** Secrets and session cookies never reach the log. */
export const logRedactions = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.headers["x-csrf-token"]',
];

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** Builds the API server: plugins first, then the routes, then the web app (fastify/demo's order). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
    frameworkErrors,
  });
  app.decorate('db', options.db);
  recordRoutes(app);
  registerValidation(app);
  registerProblemHandler(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) {
      // React Flow positions nodes with inline styles; scripts come only from our own origin.
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Flowline API',
        version: options.version,
        description:
          'Components, processes and executions of Flowline. Sign in with POST /api/auth/login (a session cookie), then send the csrfToken it answers as `x-csrf-token` with every change. Every error is an RFC 9457 problem document.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { db: options.db });

  const box = new SecretBox(options.secretKey);
  const components = new ComponentsService(options.db, box);
  const connections = new ConnectionsService(
    options.db,
    components,
    box,
    new MetadataStore(options.db),
    options.connectionDefaults,
  );
  app.addHook('onClose', () => connections.close());
  await app.register(healthRoutes, { db: options.db, version: options.version });
  await app.register(authRoutes, {
    db: options.db,
    setupToken: options.setupToken,
    secureCookies: options.secureCookies,
  });
  await app.register(ssoRoutes, {
    db: options.db,
    sso: options.sso,
    secretKey: options.secretKey,
    secureCookies: options.secureCookies,
  });
  await app.register(userRoutes, { db: options.db });
  await app.register(auditRoutes, { db: options.db });
  await app.register(folderRoutes, { db: options.db });
  await app.register(componentRoutes, { components });
  await app.register(connectionRoutes, { connections });
  await app.register(sandboxRoutes, { components, connections, sandbox: options.sandbox });
  await app.register(operationSampleRoutes, { components, connections });
  await app.register(executionsPlugin, { components, connections });

  if (options.webRoot) await app.register(webPlugin, { root: options.webRoot });
  return app;
}
