import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetadataSync } from '../metadata/parse-metadata.js';
import { toProfile } from '../profile/to-profile.js';
import { buildQueryUrl } from '../query/build-query-url.js';
import { edm, type LiteralValue } from '../query/edm-literal.js';
import { and, eq } from '../query/filter-ast.js';
import { QueryBuildError } from '../query/query-error.js';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { checkODataUrl } from '../test-support/odata-abnf.js';
import { type SandboxHarness, startHarness } from '../test-support/sandbox-client.js';

// Section 1 of docs/reliability.md: filter and key values of every Edm literal kind, with every
// character that means something in a URL, make URLs valid by the OASIS ABNF that mean exactly that
// value, shown by reading back through the sandbox the record created with it.
const SERVICE = 'https://contoso.operations.dynamics.com/data';
const profile = toProfile(parseMetadataSync(FNO_METADATA), 'CustomersV3');
const figures = { urls: 0, invalid: 0, refusedValues: 0, roundTrips: 0, lost: 0 };
afterAll(() => {
  console.log(`reliability: literal URLs checked against the OASIS ABNF: ${figures.urls}`);
  console.log(`reliability: literal URLs invalid by the ABNF: ${figures.invalid}`);
  console.log(
    `reliability: values refused before sending (lone surrogates, F&O wildcards): ${figures.refusedValues}`,
  );
  console.log(
    `reliability: sandbox round trips (create, read by key, read by filter): ${figures.roundTrips}`,
  );
  console.log(`reliability: round trips that lost or changed the record: ${figures.lost}`);
});

/** Characters that mean something in a URL or an OData literal, and Unicode beyond the BMP. */
const NASTY = [
  "'",
  "''",
  '#',
  '&',
  '%',
  '%25',
  '+',
  '/',
  '?',
  '=',
  ';',
  ',',
  '(',
  ')',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '\\',
  '"',
  '$',
  '@',
  ':',
  '~',
  'é',
  'ß',
  '漢',
  '😀',
  '𝄞',
  '\u200d',
  '\u0301',
  '\u0000',
  '\u007f',
];
const text = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 3 })), {
      maxLength: 8,
    })
    .map((parts) => parts.join(''))
    .filter((s) => s.length <= maxLength);

/**
 * The shared OASIS ABNF's `pct-encoded-no-SQUOTE` leaves out every `%7X` (a slip: only `%27`, the quote,
 * needs leaving out, and RFC 3986 allows any `%HH`), so `{`, `|`, `}` and DEL could never be in a string.
 * They are checked as another percent-encoded character in the same place.
 */
const ABNF_SLIP = /%7([0-9A-F])/g;

function valid(url: string): void {
  figures.urls++;
  const r = checkODataUrl(url.replace(ABNF_SLIP, '%6$1'));
  if (!r.success || r.maxMatched !== url.length) {
    figures.invalid++;
    expect.fail(
      `not valid OData at ${r.maxMatched}: ${url.slice(0, r.maxMatched)} ⟨here⟩ ${url.slice(r.maxMatched)}`,
    );
  }
}

/** The literal text after `Field eq ` in the decoded $filter, read by the ABNF's quoting rules. */
function literalAfter(filter: string, field: string): string {
  const start = filter.indexOf(`${field} eq `) + field.length + 4;
  if (filter[start] === "'" || /^[A-Za-z.]+'/.test(filter.slice(start))) {
    let i = filter.indexOf("'", start) + 1;
    for (;;) {
      const q = filter.indexOf("'", i);
      if (filter[q + 1] === "'") i = q + 2;
      else return filter.slice(start, q + 1);
    }
  }
  const end = filter.indexOf(' ', start);
  return filter.slice(start, end < 0 ? undefined : end);
}

const unquote = (literal: string) => literal.slice(literal.indexOf("'") + 1, -1).replaceAll("''", "'");

describe('every Edm literal kind makes a valid URL that means the value (property-based)', () => {
  const kinds: [string, string, fc.Arbitrary<LiteralValue>, (v: never) => string][] = [
    [
      'Edm.String',
      'Name',
      text(40).filter((s) => !s.includes('*')),
      (v: string) => `'${v.replaceAll("'", "''")}'`,
    ],
    [
      'Edm.Int64',
      'RecordId',
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      (v: bigint) => String(v),
    ],
    [
      'Edm.Decimal',
      'CreditLimit',
      fc
        .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat(999999))
        .map(([i, f]) => edm.decimal(`${i}.${String(f).padStart(6, '0')}`)),
      (v: { value: string }) => v.value,
    ],
    ['Edm.Double', 'X', fc.double(), (v: number) => String(v)],
    ['Edm.Boolean', 'X', fc.boolean(), (v: boolean) => String(v)],
    ['Edm.Guid', 'X', fc.uuid().map((u) => edm.guid(u)), (v: { value: string }) => v.value],
    [
      'Edm.Date',
      'X',
      fc
        .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
        .map((d) => edm.date(d)),
      (v: { value: string }) => v.value,
    ],
    [
      'Edm.DateTimeOffset',
      'X',
      fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
      (v: Date) => v.toISOString(),
    ],
    [
      'Edm.TimeOfDay',
      'X',
      fc
        .tuple(fc.nat(23), fc.nat(59), fc.nat(59))
        .map(([h, m, s]) => edm.timeOfDay([h, m, s].map((n) => String(n).padStart(2, '0')).join(':'))),
      (v: { value: string }) => v.value,
    ],
    [
      'Edm.Duration',
      'X',
      fc.tuple(fc.nat(400), fc.nat(23), fc.nat(59)).map(([d, h, m]) => edm.duration(`P${d}DT${h}H${m}M`)),
      (v: { value: string }) => `duration'${v.value}'`,
    ],
    [
      'Edm.Binary',
      'X',
      fc.uint8Array({ maxLength: 40 }).map((b) => edm.binary(b)),
      (v: { value: string }) => `binary'${v.value}'`,
    ],
    [
      'enum',
      'Blocked',
      fc.constantFrom('Yes', 'No'),
      (v: string) => `Microsoft.Dynamics.DataEntities.NoYes'${v}'`,
    ],
  ];

  it.each(kinds)('%s', (_kind, field, values, literal) => {
    fc.assert(
      fc.property(values, fc.constantFrom('fno' as const, 'odata' as const), (value, dialect) => {
        const url = buildQueryUrl(SERVICE, 'CustomersV3', {
          filter: and(eq('dataAreaId', 'usmf'), eq(field, value)),
          profile,
          dialect,
          crossCompany: true,
        });
        valid(url);
        const filter = new URL(url).searchParams.get('$filter')!;
        const written = literalAfter(filter, field);
        if (typeof value === 'number') {
          // A double means its value: `1e21`, `-9.007199254740992e15` and `INF` are all exact.
          const read = Number(written.replace('INF', 'Infinity'));
          expect(
            read === value || (Number.isNaN(read) && Number.isNaN(value)),
            `${written} for ${value}`,
          ).toBe(true);
        } else {
          expect(written).toBe(literal(value as never));
        }
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('Edm.String keys, one part or composite', () => {
    fc.assert(
      fc.property(text(40), (value) => {
        const url = buildQueryUrl(SERVICE, 'CustomersV3', {
          key: { dataAreaId: 'usmf', CustomerAccount: value },
          profile,
        });
        valid(url);
        const segment = decodeURIComponent(new URL(url).pathname.split('/').at(-1)!);
        expect(unquote(segment.slice(segment.indexOf('CustomerAccount=') + 16, -1))).toBe(value);
        const single = buildQueryUrl(SERVICE, 'CustomerGroups', { key: value });
        expect(unquote(decodeURIComponent(single.slice(single.indexOf('(') + 1, -1)))).toBe(value);
      }),
      { numRuns: 150, seed: 17 },
    );
  });

  it('refuses, naming the field, what no URL can carry or F&O would misread', () => {
    for (const value of ['\ud800', 'a\udfffb', `x${'😀'.slice(0, 1)}`]) {
      figures.refusedValues += 2;
      expect(() => buildQueryUrl(SERVICE, 'CustomersV3', { filter: eq('Name', value), profile })).toThrow(
        /Name has a lone surrogate/,
      );
      expect(() =>
        buildQueryUrl(SERVICE, 'CustomersV3', {
          key: { dataAreaId: 'usmf', CustomerAccount: value },
          profile,
        }),
      ).toThrow(QueryBuildError);
    }
    figures.refusedValues++;
    expect(() => buildQueryUrl(SERVICE, 'CustomersV3', { filter: eq('Name', 'a*b'), profile })).toThrow(
      /wildcard/,
    );
  });
});

describe('round trips through the sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness();
    // Loaded once, so literals are typed by the profile (enums, Int64, decimals) as in a run.
    await h.client.metadata();
  });
  afterAll(() => h.stop());

  it('reads back, by key and by a filter on every typed field, the record created with each value', async () => {
    const records = fc.sample(
      fc.record({
        key: text(14).filter((s) => s.trim() !== ''),
        name: text(80).filter((s) => s.trim() !== '' && !s.includes('*')),
        city: text(50).filter((s) => !s.includes('*')),
        employees: fc.integer({ min: -2147483648, max: 2147483647 }),
        party: fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }),
        revenue: fc
          .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(99))
          .map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`),
        guid: fc.uuid(),
        day: fc
          .date({ min: new Date('1901-01-01'), max: new Date('2154-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        onHold: fc.constantFrom('Yes', 'No'),
      }),
      { numRuns: 60, seed: 23 },
    );
    for (const [i, r] of records.entries()) {
      // A prefix per record: F&O compares strings without case, and keys must be unique.
      const key = `${i}~${r.key}`.slice(0, 20);
      const name = `${i}~${r.name}`;
      await h.client.create('Prospects', {
        dataAreaId: 'usmf',
        ProspectId: key,
        Name: name,
        AddressCity: r.city,
        NumberOfEmployees: r.employees,
        PartyRecordId: Number(r.party),
        EstimatedAnnualRevenue: r.revenue,
        ProspectGuid: r.guid,
        FirstContactDate: `${r.day}T12:00:00Z`,
        IsOnHold: r.onHold,
      });
      const byKey = await h.client.get<Record<string, unknown>>('Prospects', {
        dataAreaId: 'usmf',
        ProspectId: key,
      });
      const found: { data: Record<string, unknown> }[] = [];
      for await (const rec of h.client.query<Record<string, unknown>>('Prospects', {
        filter: and(
          eq('ProspectId', key),
          eq('Name', name),
          eq('AddressCity', r.city),
          eq('NumberOfEmployees', r.employees),
          eq('PartyRecordId', r.party),
          eq('EstimatedAnnualRevenue', edm.decimal(r.revenue)),
          eq('ProspectGuid', edm.guid(r.guid)),
          eq('FirstContactDate', new Date(`${r.day}T12:00:00Z`)),
          eq('IsOnHold', r.onHold),
        ),
      })) {
        found.push(rec);
      }
      figures.roundTrips++;
      const same = (rec: { data: Record<string, unknown> }) =>
        rec.data.ProspectId === key && rec.data.Name === name && rec.data.AddressCity === r.city;
      if (!same(byKey) || found.length !== 1 || !same(found[0]!)) {
        figures.lost++;
        const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
        expect.fail(`record ${i} (${json(r)}): by key ${json(byKey)}, by filter ${json(found)}`);
      }
    }
    expect(figures.roundTrips).toBe(records.length);
  });
});
