#!/usr/bin/env node
// `npm start` / `npm test` on a machine with only Node.js: gets pnpm if it is missing, installs the
// dependencies when the lockfile changed, builds what changed, then starts Flowline or runs the tests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM = 'pnpm@10.34.9';
const root = fileURLToPath(new URL('..', import.meta.url));
const [command = 'start', ...rest] = process.argv.slice(2);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Flowline needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

const pnpm =
  spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0 ? ['pnpm'] : ['npx', '--yes', PNPM];

function run(args, options = {}) {
  const [bin, ...pre] = pnpm;
  const r = spawnSync(bin, [...pre, ...args], { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'generated') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
}

// Install when node_modules is missing or older than the lockfile.
if (mtime(join(root, 'node_modules/.modules.yaml')) < mtime(join(root, 'pnpm-lock.yaml'))) {
  run(['install', '--frozen-lockfile']);
}

if (command === 'test') {
  run(['run', 'check']);
  process.exit(0);
}
if (command !== 'start') {
  console.error(`Unknown command "${command}": use start or test.`);
  process.exit(2);
}

const built = Math.min(
  mtime(join(root, 'apps/server/dist/main.mjs')),
  mtime(join(root, 'apps/web/dist/index.html')),
);
const sources = Math.max(
  ...['apps/server/src', 'apps/web/src', 'apps/web/build', 'packages', 'prisma'].map((d) =>
    newest(join(root, d)),
  ),
  ...['pnpm-lock.yaml', 'apps/web/vite.config.ts'].map((f) => mtime(join(root, f))),
);
if (built < sources) run(['run', 'build']);

// Ctrl-C reaches the server too: it stops the database and exits, and we leave with its code.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
const child = spawn(process.execPath, [join(root, 'apps/server/dist/main.mjs'), 'start', ...rest], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
