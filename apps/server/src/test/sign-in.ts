import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response } from 'light-my-request';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/prisma.js';
import type { Role } from '../generated/prisma/enums.js';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface Client {
  email: string;
  headers: Record<string, string>;
  inject(options: InjectOptions): Promise<Response>;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
  put(url: string, payload: unknown, headers?: Record<string, string>): Promise<Response>;
  del(url: string, headers?: Record<string, string>): Promise<Response>;
}

/** Creates a user of `role` (with a unique email) and signs it in through the real login route. */
export async function signIn(
  app: FastifyInstance,
  db: Db,
  role: Role,
  email = `${role}-${randomBytes(4).toString('hex')}@example.com`,
): Promise<Client> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  await db.user.create({ data: { email, name: role, role, passwordHash: await passwordHash } });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken as string };
  const inject = (o: InjectOptions): Promise<Response> =>
    app.inject({ ...o, headers: { ...headers, ...(o.headers as Record<string, string>) } });
  return {
    email,
    headers,
    inject,
    get: (url, h) => inject({ method: 'GET', url, headers: h }),
    post: (url, payload, h) => inject({ method: 'POST', url, payload: payload as object, headers: h }),
    put: (url, payload, h) => inject({ method: 'PUT', url, payload: payload as object, headers: h }),
    del: (url, h) => inject({ method: 'DELETE', url, headers: h }),
  };
}
