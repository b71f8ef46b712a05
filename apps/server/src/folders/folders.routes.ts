import { CreateFolder, Folder, FolderList, IdParams, Problem, UpdateFolder } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { roles } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import { FoldersService } from './folders.service.js';

/** `GET /api/folders`, `POST /api/folders`, `PATCH` and `DELETE /api/folders/:id`. */
export async function folderRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const folders = new FoldersService(db);
  app.get(
    '/api/folders',
    {
      config: { access: roles.read },
      schema: { tags: ['folders'], summary: 'Every folder, by name', response: { 200: FolderList } },
    },
    async () => ({ items: await folders.list() }),
  );
  app.post<{ Body: CreateFolder }>(
    '/api/folders',
    {
      config: { access: roles.design },
      schema: {
        tags: ['folders'],
        summary: 'Create a folder',
        body: CreateFolder,
        response: { 201: Folder, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => reply.code(201).send(await folders.create(request.body)),
  );
  app.patch<{ Params: { id: string }; Body: UpdateFolder }>(
    '/api/folders/:id',
    {
      config: { access: roles.design },
      schema: {
        tags: ['folders'],
        summary: 'Rename a folder',
        params: IdParams,
        body: UpdateFolder,
        response: { 200: Folder, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => folders.rename(request.params.id, request.body.name, request.user),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/folders/:id',
    {
      config: { access: roles.design },
      schema: {
        tags: ['folders'],
        summary: 'Delete an empty folder (409 says what it still holds)',
        params: IdParams,
        response: { 204: Type.Null(), 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      await folders.delete(request.params.id, request.user);
      return reply.code(204).send();
    },
  );
}
