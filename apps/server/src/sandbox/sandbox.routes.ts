import {
  Component,
  type ConnectionBody,
  ConnectSandbox,
  CreateSandboxExample,
  LocalSandbox,
  Problem,
  SandboxExample,
} from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { roles } from '../auth/access.js';
import { sendCreated } from '../components/components.routes.js';
import type { ComponentsService } from '../components/components.service.js';
import { labelsNotRead } from '../connections/connections.routes.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import { createExample } from './example-process.js';
import type { LocalSandbox as StartedSandbox } from './local-sandbox.js';

/** What a connection needs to reach the sandbox `npm start` runs beside the server. */
export type SandboxAccess = Pick<
  StartedSandbox,
  'url' | 'tenant' | 'clientId' | 'clientSecret' | 'authorityHost'
>;

/**
 * `GET /api/sandbox`, `POST /api/sandbox/connection` (a first connection in one click) and
 * `POST /api/sandbox/example` (a first process). The sandbox's client secret is sealed on the server
 * like any other; no answer holds it.
 */
export async function sandboxRoutes(
  app: FastifyInstance,
  {
    components,
    connections,
    sandbox,
  }: { components: ComponentsService; connections: ConnectionsService; sandbox?: SandboxAccess },
): Promise<void> {
  const tags = ['sandbox'];
  app.get(
    '/api/sandbox',
    {
      config: { access: roles.read },
      schema: {
        tags,
        summary: 'Whether the local D365 sandbox runs beside this server, and how to reach it',
        response: { 200: LocalSandbox },
      },
    },
    async (): Promise<LocalSandbox> =>
      sandbox
        ? {
            running: true,
            serviceUrl: sandbox.url,
            tenant: sandbox.tenant,
            clientId: sandbox.clientId,
            authorityHost: sandbox.authorityHost,
            connections: await connectionsTo(app.db, sandbox.url),
          }
        : { running: false },
  );

  app.post<{ Body: ConnectSandbox }>(
    '/api/sandbox/connection',
    {
      config: { access: roles.design },
      schema: {
        tags,
        summary: 'Create a connection to the local D365 sandbox, its secret set',
        body: ConnectSandbox,
        response: { 201: Component, 400: Problem, 404: Problem },
      },
      // The body is optional: a POST without one puts the connection at the top level.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const created = await components.createUnique(
        {
          ...sandboxConnection(running(sandbox)),
          type: 'connection',
          folderId: request.body.folderId ?? null,
        },
        request.user,
      );
      return sendCreated(reply, created);
    },
  );

  app.post(
    '/api/sandbox/example',
    {
      config: { access: roles.design },
      schema: {
        tags,
        summary:
          "Create an example process on the local D365 sandbox, in a folder of its own: usmf's first customers upserted into usrt",
        body: CreateSandboxExample,
        response: { 201: SandboxExample, 400: Problem, 404: Problem, 502: Problem },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const example = await createExample(
        { db: app.db, components, connections },
        sandboxConnection(running(sandbox)),
        request.user,
        labelsNotRead(request.log, 'profile'),
      );
      return reply.code(201).header('location', `/api/components/${example.processId}`).send(example);
    },
  );
}

function running(sandbox: SandboxAccess | undefined): SandboxAccess {
  if (sandbox) return sandbox;
  throw new HttpProblem(
    404,
    'Not Found',
    'The local D365 sandbox is not running on this server (started with --no-sandbox or FLOWLINE_SANDBOX=off, or its port was taken: see the server’s output).',
  );
}

/** A connection to the sandbox, its demo app's secret set (sealed when it is stored). */
function sandboxConnection(sandbox: SandboxAccess): {
  name: string;
  description: string;
  body: ConnectionBody;
} {
  return {
    name: 'Local D365 sandbox',
    description: 'The local F&O simulator that npm start runs beside Flowline.',
    body: {
      schemaVersion: 1,
      serviceUrl: sandbox.url,
      defaultLegalEntity: 'usmf',
      auth: {
        kind: 'clientSecret',
        tenant: sandbox.tenant,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        authorityHost: sandbox.authorityHost,
      },
    },
  };
}

/** The connections whose current revision has `url` as its service URL, by name. */
async function connectionsTo(db: Db, url: string): Promise<{ id: string; name: string }[]> {
  const revisions = await db.componentRevision.findMany({
    where: { component: { type: 'connection' }, body: { path: ['serviceUrl'], equals: url } },
    select: { version: true, component: { select: { id: true, name: true, currentVersion: true } } },
  });
  return revisions
    .filter((r) => r.version === r.component.currentVersion)
    .map(({ component: { id, name } }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
