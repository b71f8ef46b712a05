import { parseArgs } from 'node:util';
import type { SandboxOptions } from './sandbox.js';
import { COMPANIES, DEFAULT_SEED_SIZE, type SeedSize } from './store/seed.js';

/** Default HTTP port of the CLI (HTTPS, when on, uses the next port). */
export const DEFAULT_PORT = 4010;

export const HELP = `Usage: pnpm sandbox [options]

  --port <n>             HTTP port (default ${DEFAULT_PORT}; HTTPS uses the next port)
  --host <address>       interface to listen on (default 127.0.0.1)
  --https                also serve HTTPS with a generated certificate (CA written to a file)
  --latency <ms|min-max> added latency per OData request
  --metadata <mode>      standard | full (full: >= 25 MB, >= 4,000 entity types)
  --seed <n>             seed of the data and of every fault decision (default 1)
  --scale <factor>       multiply the seeded row counts (default 1)
  --seed-companies <list> companies that receive the scaled counts, e.g. usmf,usrt (default all)
  --rate-429 <share>     share of requests answered 429 with Retry-After (0..1)
  --rate-503 <share>     share of requests answered 503 (0..1)
  --drop-rate <share>    share of connections dropped mid-response (0..1)
  --batch-429 <share>    share of $batch operations answered 429 (0..1)
  --retry-after <s>      Retry-After seconds on 429s (default 1)
  --limits               enforce F&O user-based limits (6,000 requests and 1,200 s per 300 s, 52 concurrent)
  --help                 show this help`;

/** A command-line mistake, reported in one sentence with exit code 2. */
export class UsageError extends Error {}

const share = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`--${name} must be a share between 0 and 1, got '${raw}'.`);
  return n;
};

const integer = (name: string, raw: string | undefined, min = 0): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${raw}'.`);
  return Number(raw);
};

/** Parses the CLI arguments into sandbox options; throws UsageError for anything wrong. */
export function parseCliOptions(argv: string[]): { help: boolean; options: SandboxOptions } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        https: { type: 'boolean' },
        latency: { type: 'string' },
        metadata: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        'seed-companies': { type: 'string' },
        'rate-429': { type: 'string' },
        'rate-503': { type: 'string' },
        'drop-rate': { type: 'string' },
        'batch-429': { type: 'string' },
        'retry-after': { type: 'string' },
        limits: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!.replace(/\.?$/, '.'));
  }
  const str = (k: string) => values[k] as string | undefined;
  const metadata = str('metadata') ?? 'standard';
  if (metadata !== 'standard' && metadata !== 'full')
    throw new UsageError(`--metadata must be 'standard' or 'full', got '${metadata}'.`);
  let latency: SandboxOptions['latency'];
  const lat = str('latency');
  if (lat !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(lat);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
      throw new UsageError(`--latency must be milliseconds or a range like 20-80, got '${lat}'.`);
    }
    latency = m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
  }
  const scaleRaw = str('scale');
  const scale = scaleRaw === undefined ? 1 : Number(scaleRaw);
  if (!(scale > 0)) throw new UsageError(`--scale must be a positive number, got '${scaleRaw}'.`);
  const seedSize = Object.fromEntries(
    Object.entries(DEFAULT_SEED_SIZE).map(([k, v]) => [
      k,
      k.endsWith('Groups') ? v : Math.max(1, Math.round(v * scale)),
    ]),
  ) as unknown as SeedSize;
  const seedCompanies = str('seed-companies')
    ?.split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  for (const c of seedCompanies ?? [])
    if (!(c in COMPANIES))
      throw new UsageError(`--seed-companies takes ${Object.keys(COMPANIES).join(', ')}, got '${c}'.`);
  return {
    help: values.help === true,
    options: {
      port: integer('port', str('port')) ?? DEFAULT_PORT,
      host: str('host') ?? '127.0.0.1',
      https: values.https === true,
      latency,
      metadata,
      seed: integer('seed', str('seed')) ?? 1,
      seedSize,
      ...(seedCompanies ? { seedCompanies } : {}),
      faults: {
        rate429: share('rate-429', str('rate-429')),
        rate503: share('rate-503', str('rate-503')),
        dropRate: share('drop-rate', str('drop-rate')),
        batchPart429Rate: share('batch-429', str('batch-429')),
        retryAfter: integer('retry-after', str('retry-after')),
      },
      limits: { enabled: values.limits === true },
    },
  };
}
