import type { FaultOptions } from '@flowline/d365-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../executions/test-fixtures.js';
import { CompetingEditor } from './support/competing-editor.js';
import { copyCustomersProcess, renameCustomersProcess, sandboxConnection } from './support/components.js';
import { type FaultBed, faultBed } from './support/fault-bed.js';
import { expectCopyAgrees, expectRenameAgrees } from './support/fault-checks.js';
import { countStates, writeOutcomes } from './support/outcomes.js';
import { figure, reliabilityRecords } from './support/sizes.js';

// Issue 9, section 2: F&O faults at high rates, all at once, during a 50,000-record process.
const N = reliabilityRecords(50_000);
const RUN_TIMEOUT_MS = 480_000;
/** The sandbox's server-driven page size (F&O's). */
const PAGE = 10_000;

/** Every fault kind of the sandbox at once, at rates far above what a healthy F&O shows. */
const HIGH_FAULTS: FaultOptions = {
  rate429: 0.1,
  rate503: 0.05,
  dropRate: 0.03,
  dropUnservedRate: 0.01,
  // Per operation: about one change set of 100 in twenty is throttled whole.
  batchPart429Rate: 0.0005,
  spikeRate: 0.05,
  spikeMs: [1000, 3000],
  retryAfter: 1,
};
const NO_FAULTS: FaultOptions = {
  rate429: 0,
  rate503: 0,
  dropRate: 0,
  dropUnservedRate: 0,
  batchPart429Rate: 0,
  spikeRate: 0,
};

let bed: FaultBed;
let copyId: string;
let renameId: string;

beforeAll(async () => {
  bed = await faultBed(N);
  const connectionId = await sandboxConnection(bed.designer, bed.sandbox);
  copyId = await copyCustomersProcess(bed.designer, connectionId);
  renameId = await renameCustomersProcess(bed.designer, connectionId, 'usmf');
});
afterAll(() => bed?.close());

const accounts = (company: string) =>
  bed.sandbox.admin.dump('CustomersV3', company).map((c) => String(c.CustomerAccount));
const names = (company: string) =>
  new Map(
    bed.sandbox.admin
      .dump('CustomersV3', company)
      .map((c) => [String(c.CustomerAccount), String(c.OrganizationName)]),
  );
type Detail = { status: string; shapes: Record<string, { in: number }> };
const ended = (e: Detail) => !['queued', 'running'].includes(e.status);

async function run(processId: string) {
  const res = await bed.operator.post(`/api/processes/${processId}/executions`, { mode: 'full' });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

describe('faults from F&O during large processes', () => {
  it(`copies ${N} customers while renaming them on their ETags against a competing editor: every document recorded once, as the sandbox counts`, async () => {
    const source = accounts('usmf');
    expect(source).toHaveLength(N);
    const before = new Set(accounts('usrt'));
    const original = names('usmf');
    // The order the rename reads them in (its query orders by CustomerAccount).
    const order = [...original.keys()].sort();
    const editor = new CompetingEditor(bed.sandbox, 'usmf');
    await editor.ready();
    bed.sandbox.admin.resetCounters();
    bed.sandbox.admin.configure({ faults: HIGH_FAULTS });
    const started = Date.now();
    let copied: Detail & { id: string };
    let renamed: Detail & { id: string };
    try {
      // Both at once, on the server's worker: the copy reads what the rename is changing.
      const [copyRun, renameRun] = [await run(copyId), await run(renameId)];
      // Once per page of 10,000, as soon as the rename writes its first records (so the page is
      // read): edits to records well ahead in that page, which land before the rename reaches them
      // (its update must then get 412, or lose the race and the edit gets 412); and to records two
      // pages on, not read yet (it must rename the edited version).
      const edited = new Set<number>();
      const renaming = waitFor(
        bed.operator,
        renameRun,
        (e: Detail) => {
          if (ended(e)) return true;
          const writing = e.shapes.write?.in ?? 0;
          const page = Math.floor(writing / PAGE);
          const into = writing - page * PAGE;
          if (writing > 0 && into < PAGE / 4 && !edited.has(page)) {
            edited.add(page);
            const pageEnd = (page + 1) * PAGE;
            // Every 160th record: the losers land in many different change sets.
            const ahead = order.slice(writing + 2000, pageEnd - 500).filter((_, n) => n % 160 === 0);
            const unread = order.slice(pageEnd + PAGE + 100, pageEnd + PAGE + 120);
            editor.start([...ahead, ...unread]);
          }
          return false;
        },
        RUN_TIMEOUT_MS,
      );
      [copied, renamed] = await Promise.all([
        waitFor(bed.operator, copyRun, ended, RUN_TIMEOUT_MS),
        renaming,
      ]);
    } finally {
      bed.sandbox.admin.configure({ faults: NO_FAULTS });
      await editor.settle();
      await editor.close();
    }
    const seconds = (Date.now() - started) / 1000;
    const counters = bed.sandbox.admin.counters();
    const copyOutcomes = [...(await writeOutcomes(bed.db, copied.id)).values()];
    const renameOutcomes = [...(await writeOutcomes(bed.db, renamed.id)).values()];
    const copy = countStates(copyOutcomes);
    const rename = countStates(renameOutcomes);
    const lost = renameOutcomes.filter((o) => o.code === 'ConcurrencyError').length;
    const rolledBack = renameOutcomes.filter((o) => o.code === 'RolledBackError').length;
    const e = editor.counts();
    const f = counters.faults;
    figure(
      'faults: documents',
      `${N} copied (usmf to usrt, $batch creates) + ${N} renamed ($batch updates with If-Match), at once`,
    );
    figure('faults: copy written', copy.written);
    figure('faults: copy failed (with their reason)', copy.failed);
    figure('faults: copy uncertain', copy.uncertain);
    figure('faults: rename written', rename.written);
    figure('faults: rename failed, 412 ConcurrencyError (lost to the editor)', lost);
    figure('faults: rename failed, rolled back with a change set a loser was in', rolledBack);
    figure('faults: rename failed, other reasons', rename.failed - lost - rolledBack);
    figure(
      'faults: rename uncertain (its $batch answer was lost: reported failed, outcome unknown)',
      rename.uncertain,
    );
    figure(
      'faults: competing edits',
      `${editor.results.size} tried: ${e.wrote} wrote, ${e.lost} lost (412), ${e.uncertain} uncertain, ${e.error} errors`,
    );
    figure(
      'faults: injected',
      `429 ${f.throttled429}, 503 ${f.unavailable503}, dropped ${f.dropped} (served) + ${f.droppedUnserved} (unserved), $batch-part 429 ${f.batchPart429}, latency spikes ${f.latencySpikes} (of ${counters.odataRequests} requests)`,
    );
    figure('faults: duration', `${seconds.toFixed(1)} s`);

    expect(copied.status, JSON.stringify(copied)).toBe('succeeded');
    expect(renamed.status, JSON.stringify(renamed)).toBe('succeeded');
    const gained = new Set(accounts('usrt').filter((a) => !before.has(a)));
    expectCopyAgrees(copyOutcomes, source, gained, counters.writes.created);
    expect(copied.shapes.write).toMatchObject({ in: N, out: copy.written, failed: N - copy.written });
    expectRenameAgrees(renameOutcomes, original, names('usmf'), editor.results, counters.writes.updated);
    expect(lost, 'rename writes that lost to the editor (412)').toBeGreaterThan(0);
    // Every kind of fault was really injected.
    for (const kind of [
      'throttled429',
      'unavailable503',
      'dropped',
      'droppedUnserved',
      'batchPart429',
      'latencySpikes',
    ] as const)
      expect(f[kind], kind).toBeGreaterThan(0);
  });
});
