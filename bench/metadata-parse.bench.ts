/**
 * `$metadata` parse to model (@flowline/d365-connector) on Microsoft Graph's 3.5 MB document and the
 * sandbox's full-size one. Baselines measured in the same run: saxes merely tokenising the same bytes
 * (no handlers beyond an empty opentag), and @sap-ux/edmx-parser. Peak memory is sampled while the
 * full-size document streams through the parser in 64 KiB chunks. Wall and CPU times are both printed
 * (CPU time is far steadier on a loaded machine). The wall-time ratio against saxes comes last.
 */
import { readFileSync } from 'node:fs';
import { parseMetadata, parseMetadataSync } from '@flowline/d365-connector';
import { startSandbox } from '@flowline/d365-sandbox';
import { parse as sapParse } from '@sap-ux/edmx-parser';
import { SaxesParser } from 'saxes';
import { request } from 'undici';

const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc ?? (() => {});

function saxesTokenise(bytes: Buffer): void {
  const parser = new SaxesParser();
  parser.on('opentag', () => {});
  parser.write(bytes.toString('utf8').replace(/^\uFEFF/, '')).close();
}

/** @sap-ux/edmx-parser logs every annotation it does not support: keep the output readable. */
function quiet(fn: () => unknown): void {
  const { log, warn } = console;
  console.log = console.warn = () => {};
  try {
    fn();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/**
 * Best time of `runs` runs after `warmup` runs, subject and baseline interleaved: on a shared machine
 * the minimum is the figure least disturbed by other processes. Each run starts with an empty young
 * generation (a minor collection, untimed), so that none pays for the garbage another left; each
 * still pays for its own. Both wall and CPU time (all threads of the process, collector included) are
 * kept, CPU time being far less disturbed by a loaded machine.
 */
function compare(
  fns: Record<string, () => void>,
  runs: number,
  warmup = 2,
): { wall: Record<string, number>; cpu: Record<string, number> } {
  const names = Object.keys(fns);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  // Minor collections only: a full one from --expose-gc flushes compiled code and times a cold run.
  for (let i = 0; i < warmup + runs; i++) {
    for (const name of i % 2 === 0 ? names : [...names].reverse()) {
      gc({ type: 'minor' });
      const t = performance.now();
      const c = process.cpuUsage();
      fns[name]!();
      const used = process.cpuUsage(c);
      if (i >= warmup) {
        wall[name]!.push(performance.now() - t);
        cpu[name]!.push((used.user + used.system) / 1000);
      }
    }
  }
  const best = (times: Record<string, number[]>) =>
    Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.min(...v)]));
  return { wall: best(wall), cpu: best(cpu) };
}

async function peakMemoryWhileStreaming(bytes: Buffer): Promise<{ peakMb: number; modelMb: number }> {
  gc();
  const base = process.memoryUsage();
  const baseline = base.heapUsed + base.external + base.arrayBuffers;
  let peak = 0;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 65536) {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - baseline);
      yield bytes.subarray(i, i + 65536);
    }
  }
  const model = await parseMetadata(chunks());
  gc();
  const after = process.memoryUsage();
  const modelBytes = after.heapUsed + after.external + after.arrayBuffers - baseline;
  if (Object.keys(model.entityTypes).length === 0) throw new Error('empty model');
  return { peakMb: peak / 2 ** 20, modelMb: modelBytes / 2 ** 20 };
}

const graph = readFileSync(
  new URL('../../shared/data/metadata/msgraph-v1.0-cleanMetadata.xml', import.meta.url),
);
const graphTimes = compare(
  { connector: () => parseMetadataSync(graph), saxes: () => saxesTokenise(graph) },
  25,
  // V8 is still re-optimising the parser's functions for the first dozen parses: only later ones count.
  15,
);
// Apart, and warmed up as long as it keeps getting faster (its third and fourth runs still are).
const sapUxTimes = compare({ sapUx: () => quiet(() => sapParse(graph.toString('utf8'))) }, 5, 3);

const sb = await startSandbox({ port: 0, metadata: 'full' });
const tokenRes = await request(`${sb.url}/${sb.tenant}/oauth2/v2.0/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sb.clients.registered.clientId,
    client_secret: sb.clients.registered.secret,
    scope: `${sb.url}/.default`,
  }).toString(),
});
const { access_token: token } = (await tokenRes.body.json()) as { access_token: string };
const fullRes = await request(`${sb.url}/data/$metadata`, { headers: { authorization: `Bearer ${token}` } });
let full = Buffer.from(await fullRes.body.arrayBuffer());
await sb.stop();
if (!full.toString('latin1', 0, 300).includes('Edmx'))
  throw new Error(`no $metadata from the sandbox: ${full.toString('utf8', 0, 300)}`);
const fullTimes = compare(
  {
    connector: () => parseMetadataSync(full),
    saxes: () => saxesTokenise(full),
  },
  6,
  2,
);
const memory = await peakMemoryWhileStreaming(full);
const fullMb = full.length / 2 ** 20;
full = Buffer.alloc(0);

const g = graphTimes.wall;
const f = fullTimes.wall;
console.log(`graph-document-mb: ${(graph.length / 2 ** 20).toFixed(2)}`);
console.log(`graph-connector-ms: ${g.connector!.toFixed(1)}`);
console.log(`graph-saxes-tokenise-ms: ${g.saxes!.toFixed(1)}`);
console.log(`graph-connector-cpu-ms: ${graphTimes.cpu.connector!.toFixed(1)}`);
console.log(`graph-saxes-tokenise-cpu-ms: ${graphTimes.cpu.saxes!.toFixed(1)}`);
console.log(`graph-sap-ux-edmx-parser-ms: ${sapUxTimes.wall.sapUx!.toFixed(1)}`);
console.log(`graph-speedup-vs-sap-ux: ${(sapUxTimes.wall.sapUx! / g.connector!).toFixed(1)}`);
console.log(`full-document-mb: ${fullMb.toFixed(1)}`);
console.log(`full-connector-ms: ${f.connector!.toFixed(1)}`);
console.log(`full-saxes-tokenise-ms: ${f.saxes!.toFixed(1)}`);
console.log(`full-ratio-vs-saxes: ${(f.connector! / f.saxes!).toFixed(2)}`);
console.log(`full-cpu-ratio-vs-saxes: ${(fullTimes.cpu.connector! / fullTimes.cpu.saxes!).toFixed(2)}`);
console.log(`full-peak-memory-mb: ${memory.peakMb.toFixed(1)}`);
console.log(`full-model-memory-mb: ${memory.modelMb.toFixed(1)}`);
console.log(`graph-cpu-ratio-vs-saxes: ${(graphTimes.cpu.connector! / graphTimes.cpu.saxes!).toFixed(2)}`);
console.log(`graph-ratio-vs-saxes: ${(g.connector! / g.saxes!).toFixed(2)}`);
