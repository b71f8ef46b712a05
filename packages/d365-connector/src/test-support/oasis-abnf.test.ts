import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseAbnf } from './odata-abnf.js';
import { readShared } from './shared-data.js';

interface TestCase {
  Name: string;
  Rule: string;
  Input: string;
  FailAt?: number;
}
interface Suite {
  Constraints?: Record<string, string[]>;
  TestCases: TestCase[];
}

/** Proves the ABNF checker on the OASIS test cases before it is used to judge our URLs. */
describe('ABNF checker on the 1,054 OASIS OData test cases', () => {
  const suites = [
    'odata-abnf-testcases.yaml',
    'odata-aggregation-testcases.yaml',
    'odata-temporal-testcases.yaml',
  ];
  const failures: string[] = [];
  let total = 0;

  for (const file of suites) {
    it(`runs ${file}`, () => {
      const suite = parse(readShared(`odata-abnf/${file}`).toString('utf8')) as Suite;
      for (const tc of suite.TestCases) {
        total++;
        const r = parseAbnf(tc.Rule, tc.Input, suite.Constraints ?? {});
        const ok = tc.FailAt === undefined ? r.success : !r.success && r.maxMatched === tc.FailAt;
        if (!ok)
          failures.push(
            `${file} ${tc.Name}: ${r.success ? 'matched' : `failed at ${r.maxMatched}`}, expected ${tc.FailAt ?? 'match'}`,
          );
      }
    });
  }

  it('all behave as expected', () => {
    expect(total).toBe(1054);
    expect(failures).toEqual([]);
  });
});
