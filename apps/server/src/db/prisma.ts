import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;

/** A Prisma client over node-postgres; the pool is shared by every request. */
export function createDb(url: string, poolSize = 20): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize }),
    // Prisma's defaults (2 s to get a connection, 5 s to finish) turned a busy pool into 500s for
    // transactions only, while plain queries waited their turn: under load a request is slower, not failed.
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}
