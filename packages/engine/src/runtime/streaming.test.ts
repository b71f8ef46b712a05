import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MapDefinition } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { processOf, shapes } from '../testing/build.js';
import { createMemoryPorts } from '../testing/memory-ports.js';
import type { OperationRecord } from './ports.js';
import { runProcess } from './run-process.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const map: MapDefinition = {
  schemaVersion: 1,
  name: 'copy',
  source: {},
  target: {},
  rules: [
    { id: 'a', kind: 'field', target: 'Account', value: { type: 'source', path: 'CustomerAccount' } },
    { id: 'b', kind: 'field', target: 'Name', value: { type: 'source', path: 'Name' } },
    { id: 'c', kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'usrt' } },
  ],
};

function* pages(count: number, size: number): Generator<OperationRecord[]> {
  for (let start = 0; start < count; start += size) {
    const page: OperationRecord[] = [];
    for (let i = start; i < Math.min(count, start + size); i++) {
      page.push({
        data: { CustomerAccount: `C-${i}`, Name: `Customer ${i}`, pad: 'x'.repeat(200) },
        key: { CustomerAccount: `C-${i}` },
      });
    }
    yield page;
  }
}

describe('streaming', () => {
  it('sends 200,000 documents through query -> map -> create with a heap that does not grow with them', async () => {
    const TOTAL = 200_000;
    let written = 0;
    const heap: number[] = [];
    const ports = createMemoryPorts(
      {
        q: { info: { kind: 'query' }, read: () => pages(TOTAL, 1000) },
        create: {
          info: { kind: 'create' },
          write: (item) => {
            if (++written % 20_000 === 0) {
              gc();
              heap.push(process.memoryUsage().heapUsed);
            }
            return { documentId: item.documentId, ok: true };
          },
        },
      },
      { copy: map },
      { recordWriteStates: false, collectEvents: false },
    );
    const p = processOf(
      [shapes.startQuery('q'), shapes.map('m', 'copy'), shapes.connector('w', 'create')],
      ['s->m', 'm->w'],
    );
    const result = await runProcess(p, ports, { executionId: 'e', mode: 'full' });
    expect(result.shapes.w).toMatchObject({ in: TOTAL, out: TOTAL, failed: 0 });
    // 200,000 documents of ~250 bytes would be ~100 MB if held; the heap after the first tenth may move by a few MB.
    const growth = Math.max(...heap.slice(1)) - heap[0]!;
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 20_000);
});
