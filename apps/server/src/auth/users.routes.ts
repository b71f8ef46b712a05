import { CreateUser, IdParams, Problem, UpdateUser, User, UserList } from '@flowline/contracts';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem, notFound } from '../errors/problem.js';
import { roles } from './access.js';
import { hashPassword } from './passwords.js';

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  disabled: boolean;
  createdAt: Date;
};
const toUser = (u: UserRow): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt.toISOString(),
});

/** Administrators manage users: `GET/POST /api/users`, `PATCH /api/users/:id`. */
export async function userRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const config = { access: roles.admin };
  app.get('/api/users', { config, schema: { tags: ['users'], response: { 200: UserList } } }, async () => ({
    items: (await db.user.findMany({ orderBy: { email: 'asc' } })).map(toUser),
  }));

  app.post<{ Body: CreateUser }>(
    '/api/users',
    {
      config,
      schema: { tags: ['users'], body: CreateUser, response: { 201: User, 400: Problem, 409: Problem } },
    },
    async (request, reply) => {
      const email = request.body.email.toLowerCase();
      if (await db.user.findUnique({ where: { email } }))
        throw new HttpProblem(409, 'Conflict', `${email} already has an account.`);
      const user = await db.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            email,
            name: request.body.name,
            role: request.body.role,
            passwordHash: await hashPassword(request.body.password),
          },
        });
        await audit(tx, request.user, 'user created', null, { email, role: created.role });
        return created;
      });
      return reply.code(201).send(toUser(user));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateUser }>(
    '/api/users/:id',
    {
      config,
      schema: {
        tags: ['users'],
        params: IdParams,
        body: UpdateUser,
        response: { 200: User, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      const { password, ...rest } = request.body;
      const user = await db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id: request.params.id } });
        if (!before) throw notFound(`User ${request.params.id}`);
        const demoting =
          before.role === 'admin' &&
          !before.disabled &&
          ((rest.role && rest.role !== 'admin') || rest.disabled);
        if (demoting) {
          // The active administrators, locked: two administrators demoting each other at once must not
          // both see the other still active (the second waits, then finds one left).
          const active = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM "User" WHERE role = 'admin' AND NOT disabled FOR UPDATE`;
          if (active.length <= 1)
            throw new HttpProblem(409, 'Conflict', 'This is the last administrator: make another one first.');
        }
        const updated = await tx.user.update({
          where: { id: before.id },
          data: { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
        });
        if (rest.disabled || password || rest.role) {
          await tx.session.deleteMany({ where: { userId: before.id } });
          app.sessions.forgetUser(before.id);
        }
        // What changed, to what: but never a password.
        await audit(tx, request.user, 'user changed', null, {
          email: before.email,
          fields: Object.keys(request.body),
          ...(rest.role ? { role: rest.role } : {}),
          ...(rest.disabled === undefined ? {} : { disabled: rest.disabled }),
        });
        return updated;
      });
      return toUser(user);
    },
  );
}
