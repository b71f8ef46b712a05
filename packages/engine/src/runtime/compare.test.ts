import { describe, expect, it } from 'vitest';
import { createDocument } from '../model/document.js';
import { compare, isEmpty } from './compare.js';
import { fillTemplate } from './template.js';

describe('compare', () => {
  it.each<[Parameters<typeof compare>[0], unknown, unknown, boolean]>([
    ['=', 10, '10', true],
    ['=', '10.0', 10, true],
    ['=', 'a', 'A', false],
    ['!=', undefined, null, false],
    ['=', undefined, 'x', false],
    ['<', '9', '10', true],
    ['<', 'b', 'a', false],
    ['<', undefined, 1, false],
    ['>=', '2026-02-01T00:00:00Z', '2026-01-31T23:59:59Z', true],
    ['<=', 5, 5, true],
    ['wildcard', 'US-001', 'US-*', true],
    ['wildcard', 'US-001', 'US-??', false],
    ['wildcard', 'a.b', 'a?b', true],
    ['wildcard', 'axb', 'a.b', false],
    ['regex', 'CUS-42', '^CUS-\\d+$', true],
    ['empty', '  ', undefined, false],
    ['empty', {}, undefined, true],
  ])('%s %j %j is %s', (op, left, right, want) => {
    expect(compare(op, left, right)).toBe(want);
  });

  it('ignores case when asked', () => {
    expect(compare('=', 'Contoso', 'CONTOSO', true)).toBe(true);
    expect(compare('wildcard', 'Contoso', 'con*', true)).toBe(true);
  });

  it('throws on an invalid regular expression', () => {
    expect(() => compare('regex', 'x', '([')).toThrow(/Invalid regular expression/);
  });

  it('knows what is empty', () => {
    expect([undefined, null, '', [], {}].every(isEmpty)).toBe(true);
    expect([0, false, ' ', [0]].some(isEmpty)).toBe(false);
  });
});

describe('fillTemplate', () => {
  const doc = createDocument('d', { Name: 'Fabrikam "Inc"', Address: { City: 'Oslo' }, Qty: 3, Tags: ['a'] });
  doc.properties.user.region = 'north';
  doc.properties.tracked.etag = 'W/"7"';

  it('reads nested fields, properties and tracked properties, and leaves other braces alone', () => {
    expect(
      fillTemplate(
        '{Name} in {Address.City} x{Qty} {Tags} {property:region} {process:run} {tracked:etag} {missing}|{ x }',
        doc,
        { run: 5 },
      ),
    ).toBe('Fabrikam "Inc" in Oslo x3 ["a"] north 5 W/"7" |{ x }');
  });

  it('escapes text for JSON templates', () => {
    expect(JSON.parse(fillTemplate('{"name": "{Name}", "qty": {Qty}}', doc, {}, true))).toEqual({
      name: 'Fabrikam "Inc"',
      qty: 3,
    });
  });
});
