import type {
  Component,
  ComponentBody,
  ComponentList,
  ComponentSummary,
  CreateComponent,
  ListComponentsQuery,
} from '@flowline/contracts';
import type { Db } from '../db/prisma.js';
import { notFound } from '../errors/problem.js';
import type { Prisma } from '../generated/prisma/client.js';

type ComponentRow = Prisma.ComponentGetPayload<object>;

const summary = (c: ComponentRow): ComponentSummary => ({
  id: c.id,
  type: c.type,
  name: c.name,
  description: c.description,
  folderId: c.folderId,
  version: c.currentVersion,
  updatedAt: c.updatedAt.toISOString(),
});

export class ComponentsService {
  constructor(private readonly db: Db) {}

  async list(query: ListComponentsQuery): Promise<ComponentList> {
    const where: Prisma.ComponentWhereInput = {
      ...(query.type ? { type: query.type } : {}),
      ...(query.folderId ? { folderId: query.folderId } : {}),
      ...(query.search ? { name: { contains: query.search, mode: 'insensitive' } } : {}),
    };
    const [rows, total] = await this.db.$transaction([
      this.db.component.findMany({
        where,
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take: query.limit ?? 100,
        skip: query.offset ?? 0,
      }),
      this.db.component.count({ where }),
    ]);
    return { items: rows.map(summary), total };
  }

  async get(id: string): Promise<Component> {
    const row = await this.db.component.findUnique({ where: { id } });
    if (!row) throw notFound(`Component ${id}`);
    const revision = await this.db.componentRevision.findUnique({
      where: { componentId_version: { componentId: id, version: row.currentVersion } },
    });
    if (!revision) throw notFound(`Revision ${row.currentVersion} of component ${id}`);
    return {
      ...summary(row),
      body: revision.body as ComponentBody,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Creates a component with its first revision, in one transaction. */
  async create(input: CreateComponent): Promise<Component> {
    const folderId = input.folderId ?? null;
    const body: ComponentBody = input.body ?? { schemaVersion: 1 };
    const id = await this.db.$transaction(async (tx) => {
      if (folderId && !(await tx.folder.findUnique({ where: { id: folderId } })))
        throw notFound(`Folder ${folderId}`);
      const created = await tx.component.create({
        data: {
          type: input.type,
          name: input.name.trim(),
          description: input.description ?? '',
          folderId,
          currentVersion: 1,
          revisions: {
            create: {
              version: 1,
              name: input.name.trim(),
              description: input.description ?? '',
              schemaVersion: body.schemaVersion,
              body: body as Prisma.InputJsonValue,
            },
          },
        },
      });
      return created.id;
    });
    return this.get(id);
  }
}
