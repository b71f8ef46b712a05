import { setFlagsFromString } from 'node:v8';
import { FlowlineStartError } from '../errors/start-error.js';

/**
 * How far (in % of what is live) the heap of a process running executions may grow before V8 runs a
 * full GC. V8's own choice is up to 300 % (4× live): an execution allocates ~30 KB per record that
 * dies a chunk later, so a worker with ~60 MB live peaked anywhere between 250 and 310 MB of heap,
 * more the longer it ran. At 25 % the peak follows what is live (1.25×), which the engine keeps
 * bounded by chunk and page sizes, at the cost of more frequent full GCs (at 50 % the committed heap
 * still crept up over a long run). Not a cap: big documents still get the heap they need.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 25;

/**
 * Applies FLOWLINE_HEAP_GROWTH_PERCENT (default 25; `off` keeps V8's own growth) to this process;
 * answers the percent applied.
 */
export function applyHeapPolicy(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.FLOWLINE_HEAP_GROWTH_PERCENT;
  if (raw === 'off') return undefined;
  const percent = raw === undefined || raw === '' ? DEFAULT_HEAP_GROWTH_PERCENT : Number(raw);
  if (!Number.isInteger(percent) || percent < 10 || percent > 300)
    throw new FlowlineStartError(
      `FLOWLINE_HEAP_GROWTH_PERCENT "${raw}" is not a whole number from 10 to 300 (or "off").`,
    );
  // Read by V8 at every full GC, so it takes effect in a running process.
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
