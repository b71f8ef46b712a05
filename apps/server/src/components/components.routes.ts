import {
  Bundle,
  Component,
  ComponentList,
  CopyComponent,
  CreateComponent,
  IdParams,
  ImportRequest,
  ImportResult,
  ListComponentsQuery,
  Problem,
  RevisionList,
  UpdateComponent,
  UsedBy,
} from '@flowline/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { roles } from '../auth/access.js';
import { HttpProblem } from '../errors/problem.js';
import { Bundles } from './bundles.js';
import type { ComponentsService } from './components.service.js';

const VersionParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
});
const read = { access: roles.read };
const design = { access: roles.design };

/** The ETag of a component names its current revision. */
export const etagOf = (c: { id: string; version: number }) => `"${c.id}.${c.version}"`;

/** The answer to a request that made a component: 201, its ETag, and where it is. */
export function sendCreated(reply: FastifyReply, created: Component) {
  return reply
    .code(201)
    .header('etag', etagOf(created))
    .header('location', `/api/components/${created.id}`)
    .send(created);
}

/** The revision an `If-Match` header names for this component; 428 when required and missing. */
function expectedVersion(request: FastifyRequest, id: string, required: boolean): number | undefined {
  const header = request.headers['if-match'];
  if (!header) {
    if (!required) return undefined;
    throw new HttpProblem(
      428,
      'Precondition Required',
      'Send If-Match with the ETag you read, so no one else’s change is overwritten.',
    );
  }
  const match = /^(?:W\/)?"([0-9a-f-]{36})\.(\d+)"$/.exec(header.trim());
  if (!match || match[1] !== id) {
    throw new HttpProblem(
      412,
      'Precondition Failed',
      `If-Match ${header} does not name a revision of component ${id}.`,
    );
  }
  return Number(match[2]);
}

/** Components: CRUD with revisions, ETags and If-Match; export and import of bundles. */
export async function componentRoutes(
  app: FastifyInstance,
  { components }: { components: ComponentsService },
) {
  const bundles = new Bundles(app.db, components);
  const tags = ['components'];

  app.get<{ Querystring: ListComponentsQuery }>(
    '/api/components',
    {
      config: read,
      schema: {
        tags,
        summary: 'List with search by name, filters and paging',
        querystring: ListComponentsQuery,
        response: { 200: ComponentList, 400: Problem },
      },
    },
    async (request) => components.list(request.query),
  );

  app.post<{ Body: CreateComponent }>(
    '/api/components',
    {
      config: design,
      schema: {
        tags,
        summary: 'Create a component (its first revision)',
        body: CreateComponent,
        response: { 201: Component, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      return sendCreated(reply, await components.create(request.body, request.user));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/components/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A component at its current revision; the ETag names the revision',
        params: IdParams,
        response: { 200: Component, 404: Problem },
      },
    },
    async (request, reply) => {
      const component = await components.get(request.params.id);
      return reply.header('etag', etagOf(component)).send(component);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/components/:id/used-by',
    {
      config: read,
      schema: {
        tags,
        summary:
          'The components whose current revision uses this one, by name; and those that use them in turn, each once, with what they use it through',
        params: IdParams,
        response: { 200: UsedBy, 404: Problem },
      },
    },
    async (request) => components.usedBy(request.params.id),
  );

  app.post<{ Params: { id: string }; Body: CopyComponent }>(
    '/api/components/:id/copy',
    {
      config: design,
      schema: {
        tags,
        summary: 'Copy a component (its current revision, secrets included) as a new one',
        params: IdParams,
        body: CopyComponent,
        response: { 201: Component, 400: Problem, 404: Problem },
      },
      // Everything in the body is optional: a POST without one asks for the defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      return sendCreated(reply, await components.copy(request.params.id, request.body, request.user));
    },
  );

  app.put<{ Params: { id: string }; Body: UpdateComponent }>(
    '/api/components/:id',
    {
      config: design,
      schema: {
        tags,
        summary:
          'Save a new revision; needs If-Match (428 without, 412 with the current revision when stale)',
        params: IdParams,
        body: UpdateComponent,
        response: { 200: Component, 400: Problem, 404: Problem, 412: Problem, 428: Problem },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request, request.params.id, true)!;
      const saved = await components.update(request.params.id, version, request.body, request.user);
      return reply.header('etag', etagOf(saved)).send(saved);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/components/:id',
    {
      config: design,
      schema: {
        tags,
        summary: 'Delete a component no other component uses (409 lists the users)',
        params: IdParams,
        response: { 204: Type.Null(), 404: Problem, 409: Problem, 412: Problem },
      },
    },
    async (request, reply) => {
      await components.delete(
        request.params.id,
        expectedVersion(request, request.params.id, false),
        request.user,
      );
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/components/:id/revisions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Revision history, newest first',
        params: IdParams,
        response: { 200: RevisionList, 404: Problem },
      },
    },
    async (request) => components.revisions(request.params.id),
  );

  app.get<{ Params: { id: string; version: number } }>(
    '/api/components/:id/revisions/:version',
    {
      config: read,
      schema: {
        tags,
        summary: 'A component as it was at one revision',
        params: VersionParams,
        response: { 200: Component, 404: Problem },
      },
    },
    async (request) => components.get(request.params.id, request.params.version),
  );

  app.post<{ Params: { id: string; version: number } }>(
    '/api/components/:id/revisions/:version/restore',
    {
      config: design,
      schema: {
        tags,
        summary: 'Make an older revision current again, as a new revision',
        params: VersionParams,
        response: { 200: Component, 404: Problem, 412: Problem },
      },
    },
    async (request, reply) => {
      const saved = await components.restore(
        request.params.id,
        request.params.version,
        expectedVersion(request, request.params.id, false),
        request.user,
      );
      return reply.header('etag', etagOf(saved)).send(saved);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/components/:id/export',
    {
      config: design,
      schema: {
        tags,
        summary: 'The component and everything it references, as one bundle (no secrets)',
        params: IdParams,
        response: { 200: Bundle, 404: Problem },
      },
    },
    async (request) => bundles.export(request.params.id, request.user),
  );

  app.post<{ Body: ImportRequest }>(
    '/api/components/import',
    {
      config: design,
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a bundle, all or nothing',
        body: ImportRequest,
        response: { 200: ImportResult, 400: Problem, 409: Problem },
      },
    },
    async (request) => bundles.import(request.body, request.user),
  );
}
