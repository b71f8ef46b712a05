import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ProcessFixture, runFixture } from './testing/fixture-runner.js';

const dir = new URL('./fixtures/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('process fixtures', () => {
  it('has fixtures', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    const fixture = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as ProcessFixture;
    it(`${file}: ${fixture.description}`, async () => {
      const out = await runFixture(fixture);
      const want = fixture.expect;
      expect(out.result.status, out.result.error).toBe(want.status);
      if (want.error) expect(out.result.error).toContain(want.error);
      if (want.stoppedBy) expect(out.result.stoppedBy).toBe(want.stoppedBy);
      for (const [shape, counts] of Object.entries(want.shapes ?? {})) {
        expect(out.result.shapes[shape], `counters of ${shape}`).toMatchObject(counts);
      }
      for (const [op, items] of Object.entries(want.written ?? {})) {
        expect(out.written[op] ?? [], `written by ${op}`).toMatchObject(items);
      }
      for (const [shape, data] of Object.entries(want.arrived ?? {})) {
        expect(out.arrived[shape] ?? [], `arrived at ${shape}`).toEqual(data);
      }
      for (const [shape, ids] of Object.entries(want.arrivedIds ?? {})) {
        expect(out.arrivedIds[shape] ?? [], `ids arrived at ${shape}`).toEqual(ids);
      }
      for (const [shape, failures] of Object.entries(want.failed ?? {})) {
        const got = out.failed[shape] ?? [];
        expect(
          got.map((f) => f.id),
          `failed at ${shape}`,
        ).toEqual(failures.map((f) => f.id));
        failures.forEach((f, i) => {
          expect(got[i]?.message).toContain(f.message);
          if (f.code) expect(got[i]?.code).toBe(f.code);
        });
      }
      if (want.processProperties) expect(out.result.processProperties).toMatchObject(want.processProperties);
    });
  }
});
