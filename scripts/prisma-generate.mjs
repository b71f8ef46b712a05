// `pnpm generate`: Prisma's client from prisma/schema.prisma, offline. The CLI insists on finding a
// native schema engine it would download; generating needs only WASM, so any existing file will do.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = `${root}prisma/schema.prisma`;
const marker = `${root}apps/server/src/generated/prisma/client.ts`;
if (
  existsSync(marker) &&
  statSync(marker).mtimeMs > statSync(schema).mtimeMs &&
  !process.argv.includes('--force')
) {
  process.exit(0);
}
execFileSync(`${root}node_modules/.bin/prisma`, ['generate', '--schema', schema], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
