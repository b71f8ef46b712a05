import {
  ExecutionAccepted,
  ExecutionDetail,
  ExecutionDocumentList,
  type ExecutionDocumentsQuery,
  ExecutionDocumentsQuery as ExecutionDocumentsQuerySchema,
  ExecutionList,
  ExecutionSummary,
  IdParams,
  LatestExecutions,
  type ListExecutionsQuery,
  ListExecutionsQuery as ListExecutionsQuerySchema,
  Problem,
  ProcessProblems,
  RerunAccepted,
  StartExecution,
  type TrackedSearchQuery,
  TrackedSearchQuery as TrackedSearchQuerySchema,
  TrackedSearchResult,
} from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { roles } from '../auth/access.js';
import type { ExecutionsHost } from './executions-host.js';

const tags = ['executions'];
const read = { access: roles.read };
const run = { access: roles.run };

/** Start, list, inspect, cancel, resume and re-run executions; find the one that wrote a record. */
export async function executionRoutes(app: FastifyInstance, { host }: { host: ExecutionsHost }) {
  const executions = host.service;

  app.post<{ Params: { id: string }; Body: StartExecution }>(
    '/api/processes/:id/executions',
    {
      config: run,
      schema: {
        tags,
        summary: 'Check the process and queue an execution (202 with its id; 422 with the problems by shape)',
        params: IdParams,
        body: StartExecution,
        response: { 202: ExecutionAccepted, 400: Problem, 404: Problem, 422: ProcessProblems, 503: Problem },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return executions.start(request.params.id, request.body, request.user);
    },
  );

  app.get<{ Querystring: ListExecutionsQuery }>(
    '/api/executions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Executions, newest first, by process, status and creation time',
        querystring: ListExecutionsQuerySchema,
        response: { 200: ExecutionList },
      },
    },
    async (request) => executions.list(request.query),
  );

  app.get(
    '/api/executions/latest',
    {
      config: read,
      schema: {
        tags,
        summary: 'The newest execution of each process that has run',
        response: { 200: LatestExecutions },
      },
    },
    async () => executions.latestPerProcess(),
  );

  app.get<{ Querystring: TrackedSearchQuery }>(
    '/api/executions/search',
    {
      config: read,
      schema: {
        tags,
        summary: 'The executions that wrote a record with this tracked value (e.g. a customer account)',
        querystring: TrackedSearchQuerySchema,
        response: { 200: TrackedSearchResult },
      },
    },
    async (request) => executions.search(request.query.tracked, request.query.limit),
  );

  app.get<{ Params: { id: string } }>(
    '/api/executions/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One execution: status, per-shape counts and times, log',
        params: IdParams,
        response: { 200: ExecutionDetail, 404: Problem },
      },
    },
    async (request) => executions.get(request.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: ExecutionDocumentsQuery }>(
    '/api/executions/:id/documents',
    {
      config: read,
      schema: {
        tags,
        summary: 'Documents the execution kept (all in test mode; samples and failures in full mode)',
        params: IdParams,
        querystring: ExecutionDocumentsQuerySchema,
        response: { 200: ExecutionDocumentList, 404: Problem },
      },
    },
    async (request) => executions.documents(request.params.id, request.query),
  );

  app.post<{ Params: { id: string } }>(
    '/api/executions/:id/cancel',
    {
      config: run,
      schema: {
        tags,
        summary: 'Cancel: a queued execution at once, a running one between chunks',
        params: IdParams,
        response: { 200: ExecutionSummary, 404: Problem, 409: Problem },
      },
    },
    async (request) => executions.cancel(request.params.id, request.user),
  );

  app.post<{ Params: { id: string } }>(
    '/api/executions/:id/resume',
    {
      config: run,
      schema: {
        tags,
        summary: 'Resume an interrupted execution: writes already done are not done again',
        params: IdParams,
        response: { 202: ExecutionAccepted, 404: Problem, 409: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return executions.resume(request.params.id, request.user);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/executions/:id/run-again',
    {
      config: run,
      schema: {
        tags,
        summary:
          'Run the process again as this execution ran it (same mode and documents), at its current revision',
        params: IdParams,
        response: { 202: ExecutionAccepted, 404: Problem, 409: Problem, 422: ProcessProblems, 503: Problem },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return executions.runAgain(request.params.id, request.user);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/executions/:id/rerun-failed',
    {
      config: run,
      schema: {
        tags,
        summary: 'Re-run the failed documents of an execution from the shapes they failed at',
        params: IdParams,
        response: { 202: RerunAccepted, 404: Problem, 409: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      reply.code(202);
      return executions.rerunFailed(request.params.id, request.user);
    },
  );
}
