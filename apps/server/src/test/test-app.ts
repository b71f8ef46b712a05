import { randomBytes } from 'node:crypto';
import { buildApp } from '../app.js';
import type { Role } from '../generated/prisma/enums.js';
import { type Client, signIn } from './sign-in.js';
import { testDb } from './test-db.js';

export { type Client, signIn, TEST_PASSWORD } from './sign-in.js';

/** An app on its own copy of the migrated database, and signed-in clients of each role. */
export async function testApp(options: { logs?: string[] } = {}) {
  const { db, url, drop } = await testDb();
  // Given to tests too: they open what was sealed, to show which secret a row holds.
  const secretKey = randomBytes(32);
  const app = await buildApp({
    db,
    version: '0.0.0-test',
    secretKey,
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
    secretKey,
    as,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}
