// Bundles the server and our workspace packages into dist/; npm dependencies stay external.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const own = new Set([
  ...Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith('@flowline/')),
  ...builtinModules,
]);

mkdirSync('dist', { recursive: true });
await build({
  entryPoints: { main: 'src/main.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // The server's own dependencies are loaded by Node from its node_modules. Everything else is
  // bundled: our workspace packages (TypeScript sources) and the npm packages only they depend on,
  // which Node could not find from here.
  plugins: [
    {
      name: 'external-server-dependencies',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = args.path.startsWith('@')
            ? args.path.split('/').slice(0, 2).join('/')
            : args.path.split('/')[0];
          return own.has(name) || args.path.startsWith('node:')
            ? { path: args.path, external: true }
            : undefined;
        });
      },
    },
  ],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
copyFileSync('src/db/postgres-guard.mjs', 'dist/postgres-guard.mjs');
