import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Response } from 'light-my-request';
import { buildApp } from '../app.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/prisma.js';
import type { Role } from '../generated/prisma/enums.js';
import { testDb } from './test-db.js';

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

/** An app on its own copy of the migrated database, and signed-in clients of each role. */
export async function testApp(options: { logs?: string[] } = {}) {
  const { db, url, drop } = await testDb();
  const app = await buildApp({
    db,
    version: '0.0.0-test',
    secretKey: randomBytes(32),
    logger: options.logs
      ? { level: 'debug', stream: { write: (line: string) => void options.logs!.push(line) } }
      : false,
  });
  const clients = new Map<Role, Client>();
  const as = async (role: Role): Promise<Client> => {
    const known = clients.get(role);
    if (known) return known;
    const client = await signIn(app, db, role);
    clients.set(role, client);
    return client;
  };
  return {
    app,
    db,
    url,
    as,
    close: async () => {
      await app.close();
      await drop();
    },
  };
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
