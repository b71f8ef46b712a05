import type { CreateFolder, Folder } from '@flowline/contracts';
import type { Db } from '../db/prisma.js';
import { HttpProblem, notFound } from '../errors/problem.js';

type FolderRow = { id: string; name: string; parentId: string | null; createdAt: Date };

export const toFolder = (f: FolderRow): Folder => ({
  id: f.id,
  name: f.name,
  parentId: f.parentId,
  createdAt: f.createdAt.toISOString(),
});

export class FoldersService {
  constructor(private readonly db: Db) {}

  async list(): Promise<Folder[]> {
    const rows = await this.db.folder.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map(toFolder);
  }

  /** Creates a folder; two folders with one parent cannot share a name. */
  async create(input: CreateFolder): Promise<Folder> {
    const name = input.name.trim();
    const parentId = input.parentId ?? null;
    return this.db.$transaction(async (tx) => {
      if (parentId && !(await tx.folder.findUnique({ where: { id: parentId } })))
        throw notFound(`Folder ${parentId}`);
      // Serialise creations under one parent so the name check below cannot race.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${parentId ?? 'root'}))`;
      const twin = await tx.folder.findFirst({
        where: { parentId, name: { equals: name, mode: 'insensitive' } },
      });
      if (twin) throw new HttpProblem(409, 'Conflict', `A folder named "${twin.name}" already exists here.`);
      return toFolder(await tx.folder.create({ data: { name, parentId } }));
    });
  }
}
