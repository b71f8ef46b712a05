import { Health } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { readMigrations } from '../db/migrations.js';
import type { Db } from '../db/prisma.js';

export interface HealthOptions {
  db: Db;
  version: string;
}

/** `GET /api/health`: the version, whether the database answers, and whether every migration is applied. */
export async function healthRoutes(app: FastifyInstance, { db, version }: HealthOptions): Promise<void> {
  const known = (await readMigrations()).migrationDirectories.map((m) => m.path);
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Is Flowline and its database up?',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        const rows = await db.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
        const applied = new Set(rows.map((r) => r.migration_name));
        const pending = known.filter((m) => !applied.has(m));
        return reply.code(pending.length ? 503 : 200).send({
          status: pending.length ? 'degraded' : 'ok',
          version,
          database: {
            reachable: true,
            migrationsApplied: pending.length === 0,
            appliedMigrations: applied.size,
            pendingMigrations: pending,
          },
        });
      } catch (e) {
        return reply.code(503).send({
          status: 'degraded',
          version,
          database: {
            reachable: false,
            migrationsApplied: false,
            appliedMigrations: 0,
            pendingMigrations: known,
            error: (e as Error).message.split('\n')[0],
          },
        });
      }
    },
  );
}
