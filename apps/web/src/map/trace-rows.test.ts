import { describe, expect, it } from 'vitest';
import { traceRows } from './trace-rows.js';

describe('traceRows', () => {
  it('reads a rule that wrote a value through functions in words', () => {
    const [row] = traceRows([
      {
        ruleId: 'r1',
        target: 'OrganizationName',
        inputs: [{ source: 'OrganizationName', value: '  acme ' }],
        steps: [
          { id: 'f1', fn: 'trim', args: ['  acme '], result: 'acme' },
          { id: 'f2', fn: 'upper', args: ['acme'], result: 'ACME' },
        ],
        value: 'ACME',
      },
    ]);
    expect(row).toMatchObject({
      target: 'OrganizationName',
      read: 'OrganizationName = "  acme "',
      steps: 'f1: trim("  acme ") → "acme"; f2: upper("acme") → "ACME"',
      written: '"ACME"',
      eventful: true,
    });
  });

  it('marks a rule whose source is absent from the sample as quiet', () => {
    const [row] = traceRows([
      { ruleId: 'r2', target: 'PartyType', inputs: [{ source: 'PartyType', value: undefined }], steps: [] },
    ]);
    expect(row).toMatchObject({ read: 'PartyType (absent)', written: 'nothing', eventful: false });
  });

  it('keeps failures, skips and defaults in view', () => {
    const rows = traceRows([
      { ruleId: 'a', target: 'A', inputs: [], steps: [], error: 'not a number' },
      { ruleId: 'b', target: 'B', inputs: [], steps: [], skipped: true },
      { ruleId: 'c', target: 'C', inputs: [], steps: [], value: 'x', defaulted: true },
    ]);
    expect(rows.map((r) => [r.written, r.eventful])).toEqual([
      ['error: not a number', true],
      ['skipped (condition false)', true],
      ['"x" (default)', true],
    ]);
  });
});
