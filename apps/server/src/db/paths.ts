import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The checkout's root: the nearest folder above this file holding `prisma/schema.prisma`. */
export function repoRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'prisma', 'schema.prisma'))) {
    const up = dirname(dir);
    if (up === dir)
      throw new Error('Cannot find prisma/schema.prisma above the server: is the checkout complete?');
    dir = up;
  }
  root = dir;
  return root;
}

export const prismaDir = (): string => join(repoRoot(), 'prisma');
export const migrationsDir = (): string => join(prismaDir(), 'migrations');
