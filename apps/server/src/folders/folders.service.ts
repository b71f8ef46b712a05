import type { CreateFolder, Folder } from '@flowline/contracts';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem, notFound } from '../errors/problem.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

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
      await unique(tx, parentId, name);
      return toFolder(await tx.folder.create({ data: { name, parentId } }));
    });
  }

  /** Creates a top-level folder named `name`, or "<name> 2", "<name> 3"… when one has that name. */
  async createUnique(name: string): Promise<Folder> {
    return this.db.$transaction(async (tx) => {
      await lockNames(tx, null);
      const taken = new Set(
        (
          await tx.folder.findMany({
            where: { parentId: null, name: { startsWith: name, mode: 'insensitive' } },
            select: { name: true },
          })
        ).map((f) => f.name.toLowerCase()),
      );
      let free = name;
      for (let n = 2; taken.has(free.toLowerCase()); n++) free = `${name} ${n}`;
      return toFolder(await tx.folder.create({ data: { name: free, parentId: null } }));
    });
  }

  /** Renames a folder, under the same rule as `create`: no twin beside it. */
  async rename(id: string, newName: string, user?: SessionUser): Promise<Folder> {
    const name = newName.trim();
    return this.db.$transaction(async (tx) => {
      const folder = await tx.folder.findUnique({ where: { id } });
      if (!folder) throw notFound(`Folder ${id}`);
      if (folder.name === name) return toFolder(folder);
      await unique(tx, folder.parentId, name, id);
      const renamed = await tx.folder.update({ where: { id }, data: { name } });
      await audit(tx, user, 'folder renamed', null, { folderId: id, from: folder.name, to: name });
      return toFolder(renamed);
    });
  }

  /** Deletes an empty folder; one that still holds components or folders is refused, saying what. */
  async delete(id: string, user?: SessionUser): Promise<void> {
    await this.db.$transaction(async (tx) => {
      // Locked first: a component created into it meanwhile waits, then finds it gone, instead of
      // slipping in between the count and the delete.
      const [folder] = await tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM "Folder" WHERE id = ${id}::uuid FOR UPDATE`;
      if (!folder) throw notFound(`Folder ${id}`);
      const [components, folders] = await Promise.all([
        tx.component.count({ where: { folderId: id } }),
        tx.folder.count({ where: { parentId: id } }),
      ]);
      if (components + folders > 0) {
        const holds = [count(components, 'component'), count(folders, 'folder')]
          .filter(Boolean)
          .join(' and ');
        throw new HttpProblem(
          409,
          'Conflict',
          `Folder "${folder.name}" holds ${holds}: move or delete them first.`,
          { components, folders },
        );
      }
      await tx.folder.delete({ where: { id } });
      await audit(tx, user, 'folder deleted', null, { folderId: id, name: folder.name });
    });
  }
}

/** Refuses `name` under `parentId` when another folder there (not `self`) has it, in any case. */
async function unique(tx: Tx, parentId: string | null, name: string, self?: string): Promise<void> {
  await lockNames(tx, parentId);
  const twin = await tx.folder.findFirst({
    where: { parentId, name: { equals: name, mode: 'insensitive' }, ...(self ? { id: { not: self } } : {}) },
  });
  if (twin) throw new HttpProblem(409, 'Conflict', `A folder named "${twin.name}" already exists here.`);
}

/** Serialises creations and renames under one parent, so that no check of a name can race. */
async function lockNames(tx: Tx, parentId: string | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${parentId ?? 'root'}))`;
}

function count(n: number, what: string): string {
  return n === 0 ? '' : `${n} ${what}${n === 1 ? '' : 's'}`;
}
