import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseMetadataSync } from '@flowline/d365-connector';
import { SaxesParser } from 'saxes';
const graph = readFileSync('/work/shared/data/metadata/msgraph-v1.0-cleanMetadata.xml');
const gc = (globalThis as any).gc;
function saxesTokenise(bytes: Buffer): void { const p = new SaxesParser(); p.on('opentag', () => {}); p.write(bytes.toString('utf8').replace(/^\uFEFF/, '')).close(); }
const gcs: { s: number; d: number; k: number }[] = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) gcs.push({ s: e.startTime, d: e.duration, k: (e as any).detail?.kind }); }).observe({ entryTypes: ['gc'] });
const runs: { s: number; e: number }[] = [];
const withSaxes = process.env.SAXES === '1';
for (let i = 0; i < 40; i++) {
  if (withSaxes) { gc({ type: 'minor' }); saxesTokenise(graph); }
  gc({ type: 'minor' });
  const s = performance.now(); parseMetadataSync(graph); runs.push({ s, e: performance.now() });
}
await new Promise((r) => setTimeout(r, 20));
const rows = runs.slice(15).map((r) => ({ t: r.e - r.s, g: gcs.filter((x) => x.s >= r.s && x.s < r.e && x.k !== undefined) }));
const clean = rows.filter((r) => r.g.length === 0).map((r) => r.t).sort((a, b) => a - b);
const dirty = rows.filter((r) => r.g.length > 0).map((r) => r.t).sort((a, b) => a - b);
console.log('saxes', withSaxes, 'clean', clean.length, clean[0]?.toFixed(1), 'dirty', dirty.length, dirty[0]?.toFixed(1), 'kinds', JSON.stringify(rows.flatMap((r) => r.g.map((x) => x.k)).reduce((m: any, k) => ((m[k] = (m[k] ?? 0) + 1), m), {})));
