/**
 * Runs the benchmarks: `pnpm bench` runs every `*.bench.ts` here, `pnpm bench <name>` the one
 * whose file is `<name>.bench.ts`. Each runs in its own Node process (so memory figures are its own)
 * and prints `name: value` lines, its ratio against a baseline measured in the same run last.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${all.join(', ') || '(none)'}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  console.log(`# ${name}`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', join(here, `${name}.bench.ts`)],
    {
      stdio: 'inherit',
      cwd: here,
    },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
