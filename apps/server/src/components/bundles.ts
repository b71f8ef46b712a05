import type { Bundle, ComponentType, ImportRequest, ImportResult } from '@flowline/contracts';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import { validateBody } from './bodies.js';
import type { ComponentsService } from './components.service.js';

// Creating in this order lets every reference point at something that already exists.
const order: Record<ComponentType, number> = { connection: 0, operation: 1, map: 2, process: 3 };

/** Export with everything referenced, and import refused whole on the first problem. */
export class Bundles {
  constructor(
    private readonly db: Db,
    private readonly components: ComponentsService,
  ) {}

  async export(rootId: string, user?: SessionUser): Promise<Bundle> {
    const ids = [rootId];
    const seen = new Set(ids);
    for (let i = 0; i < ids.length; i++) {
      const refs = await this.db.componentReference.findMany({
        where: { fromId: ids[i] },
        select: { toId: true },
      });
      for (const { toId } of refs) if (!seen.has(toId)) seen.add(toId) && ids.push(toId);
    }
    const components = await Promise.all(ids.map((id) => this.components.get(id)));
    await audit(this.db, user, 'exported', rootId, { components: ids.length });
    return {
      format: 'flowline-bundle',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      rootId,
      components: components
        .sort((a, b) => order[a.type] - order[b.type])
        .map((c) => ({ id: c.id, type: c.type, name: c.name, description: c.description, body: c.body })),
    };
  }

  async import(request: ImportRequest, user?: SessionUser): Promise<ImportResult> {
    const items = [...request.bundle.components].sort((a, b) => order[a.type] - order[b.type]);
    items.forEach((c, i) => {
      try {
        validateBody(c.type, c.body);
      } catch (e) {
        if (!(e instanceof HttpProblem)) throw e;
        const errors = (e.extra.errors as { path: string; message: string }[]).map((x) => ({
          path: x.path.replace('/body/body', `/body/bundle/components/${i}/body`),
          message: x.message,
        }));
        throw new HttpProblem(
          400,
          'Bad Request',
          `Component "${c.name}" is not valid: nothing was imported.`,
          { errors },
        );
      }
    });
    const result: ImportResult = { created: [], replaced: [], kept: [] };
    await this.db.$transaction(
      async (tx) => {
        for (const c of items) {
          const existing = await tx.component.findUnique({ where: { id: c.id } });
          if (existing && existing.type !== c.type) {
            throw new HttpProblem(
              409,
              'Conflict',
              `${c.id} exists as a ${existing.type}, not a ${c.type}: nothing was imported.`,
            );
          }
          if (existing && request.existing === 'keep') {
            result.kept.push(c.id);
          } else if (existing) {
            await this.components.update(
              c.id,
              existing.currentVersion,
              { name: c.name, description: c.description, body: c.body },
              user,
              'imported',
              tx,
            );
            result.replaced.push(c.id);
          } else {
            const input = {
              type: c.type,
              name: c.name,
              description: c.description,
              body: c.body,
              folderId: request.folderId ?? null,
            };
            await this.components.create(input, user, tx, c.id);
            result.created.push(c.id);
          }
        }
        await audit(tx, user, 'imported', request.bundle.rootId, { ...result });
      },
      { timeout: 60_000 },
    );
    return result;
  }
}
