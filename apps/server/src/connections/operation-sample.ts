import { IdParams, OperationBody, Problem } from '@flowline/contracts';
import { FnoError, QueryBuildError, ValidationError } from '@flowline/d365-connector';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { roles } from '../auth/access.js';
import type { ComponentsService } from '../components/components.service.js';
import { HttpProblem } from '../errors/problem.js';
import { readOptions } from '../executions/connector-operations.js';
import { explain } from './connection-test.js';
import type { ConnectionsService } from './connections.service.js';

const SampleRequest = Type.Object({
  /** How many records to read; a sample is small on purpose (it travels to the browser). */
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  /** The operation as being edited, not yet saved: the builder tries a filter before it becomes a revision. */
  body: Type.Optional(OperationBody),
});
export const OperationSample = Type.Object({
  entitySet: Type.String(),
  records: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});
export type OperationSample = Static<typeof OperationSample>;

/**
 * Reads the first `top` records through an operation, as a run would read them (its filter, fields,
 * sort and legal entity), for the map editor's test panel and the operation builder. Write operations
 * read their entity set. `draft`: the operation's body as being edited, read instead of its revision.
 */
export async function readSample(
  components: ComponentsService,
  connections: ConnectionsService,
  operationId: string,
  top: number,
  draft?: OperationBody,
): Promise<OperationSample> {
  const operation = await components.get(operationId);
  if (operation.type !== 'operation') {
    throw new HttpProblem(
      400,
      'Bad Request',
      `Component ${operationId} is a ${operation.type}, not an operation.`,
    );
  }
  const body = draft ?? (operation.body as OperationBody);
  const missing = !body.connectionId ? 'connectionId' : !body.entitySet ? 'entitySet' : undefined;
  if (missing) {
    throw new HttpProblem(
      422,
      'Unprocessable Content',
      `Operation "${operation.name}" has no ${missing === 'connectionId' ? 'connection' : 'entity set'} yet.`,
      { errors: [{ path: `/body/${missing}`, message: 'is required to read a sample' }] },
    );
  }
  const entitySet = body.entitySet!;
  const client = await connections.client(body.connectionId!);
  // No page size: the whole sample comes in the first page, which is the only one read.
  const { pageSize: _pageSize, ...options } = readOptions(body, { top });
  try {
    for await (const page of client.queryPages(entitySet, options)) {
      // The documents a run hands to its map are the records' data.
      return { entitySet, records: page.records.slice(0, top).map((r) => r.data as Record<string, unknown>) };
    }
    return { entitySet, records: [] };
  } catch (error) {
    if (error instanceof QueryBuildError) {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        `Operation "${operation.name}" cannot be sent: ${error.message}`,
        error.path ? { errors: [{ path: `/body/${error.path}`, message: error.message }] } : {},
      );
    }
    if (error instanceof FnoError) {
      const { config } = await connections.config(body.connectionId!);
      const first = error.message.split('\n')[0];
      throw new HttpProblem(502, 'Bad Gateway', `F&O answered: ${first}`, {
        explanation: explain(error, config),
        ...(error instanceof ValidationError && error.infolog.length ? { infolog: error.infolog } : {}),
      });
    }
    throw error;
  }
}

/** `POST /api/operations/:id/sample`: a few records read live through an operation. */
export async function operationSampleRoutes(
  app: FastifyInstance,
  { components, connections }: { components: ComponentsService; connections: ConnectionsService },
) {
  app.post<{ Params: { id: string }; Body: Static<typeof SampleRequest> }>(
    '/api/operations/:id/sample',
    {
      config: { access: roles.design },
      schema: {
        tags: ['connections'],
        summary:
          "A few records read live through an operation (its filter, fields and legal entity), for a map's test; with `body`, through the operation as being edited",
        params: IdParams,
        body: SampleRequest,
        response: { 200: OperationSample, 400: Problem, 404: Problem, 422: Problem, 502: Problem },
      },
    },
    async (request) =>
      readSample(components, connections, request.params.id, request.body?.top ?? 5, request.body?.body),
  );
}
