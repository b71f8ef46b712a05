import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetadataSync } from '../metadata/parse-metadata.js';
import { toProfile } from '../profile/to-profile.js';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { checkODataUrl } from '../test-support/odata-abnf.js';
import { buildQueryUrl } from './build-query-url.js';
import { compileFilter } from './compile-filter.js';
import { edm } from './edm-literal.js';
import { and, contains, endsWith, eq, ge, gt, isIn, lt, ne, not, or, startsWith } from './filter-ast.js';
import { formatKey } from './format-key.js';
import { QueryBuildError } from './query-error.js';

const SERVICE = 'https://contoso.operations.dynamics.com/data';
const profile = toProfile(parseMetadataSync(FNO_METADATA), 'CustomersV3');
const NO_YES = 'Microsoft.Dynamics.DataEntities.NoYes';

/** Every URL built in these tests must be an `odataUri` by the OASIS grammar. */
function valid(url: string): string {
  const r = checkODataUrl(url);
  expect(
    r,
    `not valid OData at ${r.maxMatched}: ${url.slice(0, r.maxMatched)} ⟨here⟩ ${url.slice(r.maxMatched)}`,
  ).toEqual({
    success: true,
    maxMatched: url.length,
  });
  return url;
}

describe('literals and filters', () => {
  it('encodes literals per Edm type', () => {
    const f = (value: Parameters<typeof eq>[1]) => compileFilter(eq('X', value), { dialect: 'odata' });
    expect(f("O'Brien")).toBe("X eq 'O''Brien'");
    expect(f('')).toBe("X eq ''");
    expect(f(42)).toBe('X eq 42');
    expect(f(1.5e300)).toBe('X eq 1.5e300');
    expect(f(true)).toBe('X eq true');
    expect(f(null)).toBe('X eq null');
    expect(f(9007199254740993n)).toBe('X eq 9007199254740993');
    expect(f(edm.int64('9223372036854775807'))).toBe('X eq 9223372036854775807');
    expect(f(edm.decimal('12345678901234567890.123456'))).toBe('X eq 12345678901234567890.123456');
    expect(f(edm.guid('5c6f5a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6'))).toBe(
      'X eq 5c6f5a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6',
    );
    expect(f(new Date('2015-01-15T12:00:00Z'))).toBe('X eq 2015-01-15T12:00:00.000Z');
    expect(f(edm.date('2024-02-29'))).toBe('X eq 2024-02-29');
    expect(f(edm.enumMember(NO_YES, 'Yes'))).toBe(`X eq ${NO_YES}'Yes'`);
    expect(f(edm.duration('P1DT2H'))).toBe("X eq duration'P1DT2H'");
    expect(f(2 ** 60)).toBe('X eq 1.152921504606847e18');
    expect(() => compileFilter(eq('RecordId', 2 ** 60), { profile })).toThrow(/beyond 2\^53 for RecordId/);
    expect(() => f(edm.guid('nope'))).toThrow(QueryBuildError);
  });

  it('types literals from the profile: enums, decimals, Int64', () => {
    const opts = { dialect: 'fno' as const, profile };
    expect(compileFilter(eq('Blocked', 'Yes'), opts)).toBe(`Blocked eq ${NO_YES}'Yes'`);
    expect(compileFilter(eq('CreditLimit', '1000.10'), opts)).toBe('CreditLimit eq 1000.10');
    expect(compileFilter(eq('RecordId', '5637144576'), opts)).toBe('RecordId eq 5637144576');
    expect(() => compileFilter(eq('CreditLimit', 'ten'), opts)).toThrow(/CreditLimit/);
  });

  it('F&O dialect: wildcards, or-chains, no ordering on enums', () => {
    const opts = { dialect: 'fno' as const, profile };
    expect(compileFilter(contains('Name', 'retail'), opts)).toBe("Name eq '*retail*'");
    expect(compileFilter(startsWith('Name', 'A'), opts)).toBe("Name eq 'A*'");
    expect(compileFilter(endsWith('Name', "O'"), opts)).toBe("Name eq '*O'''");
    expect(compileFilter(isIn('CustomerGroupId', ['10', '20']), opts)).toBe(
      "CustomerGroupId eq '10' or CustomerGroupId eq '20'",
    );
    expect(compileFilter(and(eq('dataAreaId', 'usmf'), isIn('CustomerGroupId', ['10', '20'])), opts)).toBe(
      "dataAreaId eq 'usmf' and (CustomerGroupId eq '10' or CustomerGroupId eq '20')",
    );
    expect(() => compileFilter(gt('Blocked', 'No'), opts)).toThrow(
      /only eq and ne on the enum field Blocked/,
    );
    expect(() => compileFilter(lt('X', edm.enumMember(NO_YES, 'No')), opts)).toThrow(QueryBuildError);
    expect(() => compileFilter(eq('Name', 'a*b'), opts)).toThrow(/wildcard/);
    expect(() => compileFilter(isIn('X', []), opts)).toThrow(/at least one value/);
  });

  it('generic OData dialect: standard functions and in', () => {
    const opts = { dialect: 'odata' as const };
    expect(compileFilter(contains('Name', 'x'), opts)).toBe("contains(Name,'x')");
    expect(compileFilter(startsWith('Name', 'x'), opts)).toBe("startswith(Name,'x')");
    expect(compileFilter(isIn('Id', [1, 2]), opts)).toBe('Id in (1,2)');
    expect(compileFilter(not(or(eq('A', 1), ne('B', 2))), opts)).toBe('not (A eq 1 or B ne 2)');
  });

  it('refuses invalid property paths, naming them', () => {
    expect(() => compileFilter(eq('Name eq 1 or 1', 1))).toThrow(
      /"Name eq 1 or 1" is not a valid property path/,
    );
  });
});

describe('formatKey', () => {
  it('writes key parts in key order, numbers unquoted, quotes doubled', () => {
    expect(formatKey({ CustomerAccount: 'US-001', dataAreaId: 'usmf' }, profile)).toBe(
      "(dataAreaId='usmf',CustomerAccount='US-001')",
    );
    expect(formatKey({ dataAreaId: 'usmf', JournalBatchNumber: '00629', LineNumber: 3 })).toBe(
      "(dataAreaId='usmf',JournalBatchNumber='00629',LineNumber=3)",
    );
    expect(formatKey("O'Brien")).toBe("('O''Brien')");
    expect(formatKey(42)).toBe('(42)');
    expect(formatKey({ dataAreaId: 'usmf', CustomerAccount: 'A/B #1&2%' }, profile)).toBe(
      "(dataAreaId='usmf',CustomerAccount='A%2FB%20%231%262%25')",
    );
  });

  it('refuses missing and unknown parts', () => {
    expect(() => formatKey({ dataAreaId: 'usmf' }, profile)).toThrow(/"CustomerAccount" is missing/);
    expect(() => formatKey({ dataAreaId: 'usmf', CustomerAccount: 'x', Foo: 1 }, profile)).toThrow(/"Foo"/);
    expect(() => formatKey('x', profile)).toThrow(/2 parts/);
  });

  it('refuses values a key cannot hold (from documents at run time) with a QueryBuildError naming the part', () => {
    // Values from untyped documents: each must fail by name, never as a TypeError from the encoder.
    const bad: [unknown, RegExp][] = [
      [{ dataAreaId: 'usmf', CustomerAccount: null }, /"CustomerAccount" is null/],
      [{ dataAreaId: 'usmf', CustomerAccount: { id: 1 } }, /"CustomerAccount" must be .* not an object/],
      [{ dataAreaId: 'usmf', CustomerAccount: ['x'] }, /"CustomerAccount" must be .* not an array/],
      [{ dataAreaId: 'usmf', CustomerAccount: Symbol('x') }, /not a symbol/],
    ];
    for (const [key, message] of bad) {
      expect(() => formatKey(key as Record<string, string>, profile)).toThrow(QueryBuildError);
      expect(() => formatKey(key as Record<string, string>, profile)).toThrow(message);
    }
    expect(() => formatKey(undefined as unknown as string)).toThrow(/The key is missing/);
    expect(() => formatKey(null)).toThrow(/The key is null/);
  });
});

describe('buildQueryUrl', () => {
  it('builds every query option, encoded, valid by the OASIS ABNF', () => {
    const url = buildQueryUrl(`${SERVICE}/`, 'SalesOrderHeadersV2', {
      filter: and(eq('dataAreaId', 'usmf'), contains('SalesOrderName', 'a & b #1 + 100%'), ge('Total', 10)),
      select: ['SalesOrderNumber', 'SalesOrderName'],
      expand: [{ navigation: 'SalesOrderLines', select: ['ItemNumber', 'LineAmount'] }, 'Customer'],
      orderBy: ['SalesOrderNumber', { path: 'Total', desc: true }],
      top: 100,
      skip: 200,
      count: true,
      crossCompany: true,
    });
    expect(valid(url)).toBe(
      `${SERVICE}/SalesOrderHeadersV2?$filter=dataAreaId%20eq%20'usmf'%20and%20SalesOrderName%20eq%20'*a%20%26%20b%20%231%20%2B%20100%25*'%20and%20Total%20ge%2010` +
        '&$select=SalesOrderNumber,SalesOrderName&$expand=SalesOrderLines($select=ItemNumber,LineAmount),Customer' +
        '&$orderby=SalesOrderNumber,Total%20desc&$top=100&$skip=200&$count=true&cross-company=true',
    );
    expect(decodeURIComponent(url)).toContain("SalesOrderName eq '*a & b #1 + 100%*'");
  });

  it('builds key URLs', () => {
    const url = buildQueryUrl(SERVICE, 'CustomersV3', {
      key: { dataAreaId: 'usmf', CustomerAccount: 'US-001' },
      profile,
      crossCompany: true,
    });
    expect(valid(url)).toBe(
      `${SERVICE}/CustomersV3(dataAreaId='usmf',CustomerAccount='US-001')?cross-company=true`,
    );
  });

  it('encodes enums, dates, guids, Int64 and newlines validly', () => {
    const url = buildQueryUrl(SERVICE, 'CustomersV3', {
      profile,
      filter: and(
        eq('Blocked', 'Yes'),
        lt('Created', new Date('2015-01-15T12:00:00Z')),
        eq('Id', edm.guid('5c6f5a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6')),
        eq('RecordId', 9223372036854775807n),
        eq('Memo', 'line1\nline2\r\n\tünïcødé 🎉'),
        eq('Day', edm.date('2024-02-29')),
        eq('Amount', edm.decimal('-0.000001')),
      ),
    });
    valid(url);
    expect(url).toContain(`Blocked%20eq%20${NO_YES}'Yes'`);
    expect(url).toContain('line1%0Aline2%0D%0A%09%C3%BC');
  });

  it('refuses bad names and numbers before sending', () => {
    expect(() => buildQueryUrl(SERVICE, 'Customers?x=1')).toThrow(/not a valid entity set/);
    expect(() => buildQueryUrl(SERVICE, 'C', { top: -1 })).toThrow(/\$top/);
    expect(() => buildQueryUrl(SERVICE, 'C', { expand: ['A/B'] })).toThrow(/first-level/);
  });

  it('stays valid for any string value (property-based)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.constantFrom('', "'", "''", '%', '%25', '#', '&', '+', '/', '\n', '?', '='),
        ),
        fc.constantFrom('fno' as const, 'odata' as const),
        (value, dialect) => {
          const safe = dialect === 'fno' ? value.replaceAll('*', '') : value;
          const url = buildQueryUrl(SERVICE, 'CustomersV3', {
            filter: or(eq('Name', safe), contains('Name', safe), isIn('Name', [safe, `${safe}x`])),
            key: { dataAreaId: 'usmf', CustomerAccount: value },
            profile,
            dialect,
            crossCompany: true,
          });
          valid(url);
          // The value survives the round trip exactly.
          const filter = new URL(url).searchParams.get('$filter')!;
          expect(filter).toContain(`'${safe.replaceAll("'", "''")}'`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
