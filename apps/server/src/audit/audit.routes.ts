import { AuditList, type AuditQuery, AuditQuery as AuditQuerySchema } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { roles } from '../auth/access.js';
import type { Db } from '../db/prisma.js';

/** `GET /api/audit`: the newest entries first (administrators). */
export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Querystring: AuditQuery }>(
    '/api/audit',
    {
      config: { access: roles.admin },
      schema: {
        tags: ['users'],
        summary: 'The audit log',
        querystring: AuditQuerySchema,
        response: { 200: AuditList },
      },
    },
    async (request) => {
      const rows = await db.auditEntry.findMany({
        where: {
          ...(request.query.componentId ? { componentId: request.query.componentId } : {}),
          ...(request.query.action ? { action: request.query.action } : {}),
        },
        orderBy: { id: 'desc' },
        take: request.query.limit ?? 100,
      });
      return {
        items: rows.map((r) => ({
          id: r.id.toString(),
          at: r.at.toISOString(),
          userEmail: r.userEmail,
          action: r.action,
          componentId: r.componentId,
          detail: r.detail,
        })),
      };
    },
  );
}
