import { defineConfig } from 'prisma/config';

// The CLI is only used for `prisma generate` (offline); migrations go through apps/server/src/db.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/flowline' },
});
