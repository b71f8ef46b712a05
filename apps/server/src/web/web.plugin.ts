import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where the build puts files whose names carry a hash of their content. */
const ASSETS = '/assets/';

/**
 * Serves the built web app; any GET that is not an API route or a file answers `index.html`, so
 * the browser's own routes survive a reload. Files under `assets/` never change under their name:
 * kept by the browser for a year, while `index.html` is asked for again each time. An asset that is
 * not there (a page opened before an upgrade asks for a part of the old version) is a 404, not
 * `index.html`: as HTML, the browser would refuse it as a script and say nothing useful. The build
 * writes Brotli and gzip copies of each file (`apps/web/build/precompress.ts`), sent where accepted.
 */
export async function webPlugin(app: FastifyInstance, { root }: { root: string }): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'the web app is not built: run `pnpm build`');
    return;
  }
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.setHeader('vary', 'accept-encoding');
    },
  });
  app.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith(ASSETS)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
