import {
  ConnectionTestResult,
  EntitySetList,
  EntitySetProfile,
  type EntitySetQuery,
  EntitySetQuery as EntitySetQuerySchema,
  IdParams,
  Problem,
  ProfileDrift,
} from '@flowline/contracts';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { roles } from '../auth/access.js';
import type { ConnectionsService } from './connections.service.js';

const SetParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
});
const tags = ['connections'];

/** Test a connection, browse its `$metadata`, and compare operations with it. */
export async function connectionRoutes(
  app: FastifyInstance,
  { connections }: { connections: ConnectionsService },
) {
  app.post<{ Params: { id: string } }>(
    '/api/connections/:id/test',
    {
      config: { access: roles.design },
      schema: {
        tags,
        summary:
          'Get a token, read $metadata, read one record of the default legal entity; each step with its time',
        params: IdParams,
        response: { 200: ConnectionTestResult, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => connections.test(request.params.id, request.user),
  );

  app.get<{ Params: { id: string }; Querystring: EntitySetQuery }>(
    '/api/connections/:id/entity-sets',
    {
      config: { access: roles.read },
      schema: {
        tags,
        summary:
          'Entity sets with labels and keys, from the cached $metadata (refresh=true fetches it again)',
        params: IdParams,
        querystring: EntitySetQuerySchema,
        response: { 200: EntitySetList, 404: Problem, 422: Problem, 502: Problem },
      },
    },
    async (request) => {
      const { search, limit, refresh } = request.query;
      return connections.entitySets(request.params.id, search, limit, refresh);
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    '/api/connections/:id/entity-sets/:name/profile',
    {
      config: { access: roles.read },
      schema: {
        tags,
        summary: 'The profile of one entity set: fields with Edm types, keys in order, enum members, hints',
        params: SetParams,
        response: { 200: EntitySetProfile, 404: Problem, 422: Problem, 502: Problem },
      },
    },
    async (request) =>
      connections.labelledProfile(
        request.params.id,
        request.params.name,
        labelsNotRead(request.log, 'profile'),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/api/operations/:id/profile-drift',
    {
      config: { access: roles.read },
      schema: {
        tags,
        summary: "What changed in the service's $metadata since the operation's profile snapshot",
        params: IdParams,
        response: { 200: ProfileDrift, 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) => connections.drift(request.params.id, labelsNotRead(request.log, 'snapshot')),
  );
}

/** Logs why F&O's label texts could not be read: what is answered keeps the label ids instead. */
export const labelsNotRead =
  (log: FastifyBaseLogger, kept: 'profile' | 'snapshot') =>
  (error: Error): void =>
    log.warn({ err: error.message }, `F&O labels not read; the ${kept} keeps their ids`);
