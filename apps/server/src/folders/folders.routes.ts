import { CreateFolder, Folder, FolderList, Problem } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { roles } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import { FoldersService } from './folders.service.js';

/** `GET /api/folders`, `POST /api/folders`. */
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
}
