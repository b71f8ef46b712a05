import { Component, ComponentList, CreateComponent, ListComponentsQuery, Problem } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../db/prisma.js';
import { ComponentsService } from './components.service.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The ETag of a component names its current revision. */
export const etagOf = (c: { id: string; version: number }) => `"${c.id}.${c.version}"`;

/** `GET/POST /api/components`, `GET /api/components/:id`. */
export async function componentRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const components = new ComponentsService(db);
  app.get<{ Querystring: ListComponentsQuery }>(
    '/api/components',
    {
      schema: {
        tags: ['components'],
        summary: 'List components, with search by name, filters and paging',
        querystring: ListComponentsQuery,
        response: { 200: ComponentList, 400: Problem },
      },
    },
    async (request) => components.list(request.query),
  );
  app.post<{ Body: CreateComponent }>(
    '/api/components',
    {
      schema: {
        tags: ['components'],
        summary: 'Create a component',
        body: CreateComponent,
        response: { 201: Component, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const created = await components.create(request.body);
      return reply
        .code(201)
        .header('etag', etagOf(created))
        .header('location', `/api/components/${created.id}`)
        .send(created);
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/components/:id',
    {
      schema: {
        tags: ['components'],
        summary: 'A component at its current revision (the ETag names the revision)',
        params: IdParams,
        response: { 200: Component, 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const component = await components.get(request.params.id);
      return reply.header('etag', etagOf(component)).send(component);
    },
  );
}
