import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { readShared } from '../test-support/shared-data.js';
import { attempt, type Outcome, Tally } from './support/attempt.js';

// Section 1 of docs/reliability.md: hostile `$metadata` ends in a model or a MetadataParseError with a
// line and column, in bounded time, and never expands an entity.
const tally = new Tally();
afterAll(() => tally.print('metadata'));

/** A case may take this long at most (a 20 MB attribute included): anything slower is a hang. */
const BOUND_MS = 15_000;

const REAL: Record<string, Buffer> = {
  northwind: readShared('metadata/Northwind-v4.xml'),
  trippin: readShared('metadata/TripPin.xml'),
  fno: Buffer.from(FNO_METADATA),
};
const GRAPH = readShared('metadata/msgraph-v1.0-cleanMetadata.xml');

const edmx = (schema: string, container = '') =>
  `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">${schema}<EntityContainer Name="C">${container}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;

const lines = (input: string | Uint8Array) =>
  (typeof input === 'string' ? input : Buffer.from(input).toString('latin1')).split('\n').length;

/** Runs one case both whole and streamed in odd-sized chunks; both must end well and agree. */
async function check(label: string, input: string | Uint8Array, chunk = 4093): Promise<Outcome> {
  const whole = tally.record(label, await attempt(input));
  const streamed = tally.record(`${label} (streamed)`, await attempt(input, chunk));
  for (const o of [whole, streamed]) {
    if (o.kind === 'crashed') expect.fail(`${label}: ${String((o.error as Error)?.stack ?? o.error)}`);
    expect(o.ms, `${label} took ${o.ms} ms`).toBeLessThan(BOUND_MS);
    if (o.kind === 'refused') expect(o.error.line, label).toBeLessThanOrEqual(lines(input) + 1);
  }
  expect(streamed.kind, label).toBe(whole.kind);
  return whole;
}

const refused = async (label: string, input: string | Uint8Array, reason?: RegExp) => {
  const o = await check(label, input);
  expect(o.kind, label).toBe('refused');
  if (reason && o.kind === 'refused') expect(o.error.reason).toMatch(reason);
};

describe('hand-made hostile $metadata', () => {
  it('refuses every DOCTYPE: billion laughs, external and parameter entities, never expanding one', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    ).join('')}]><edmx:Edmx><x>&lol9;</x></edmx:Edmx>`;
    await refused('billion laughs', laughs, /DOCTYPE is not allowed/);
    await refused(
      'external entity',
      '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edmx:Edmx>&xxe;</edmx:Edmx>',
      /DOCTYPE/,
    );
    await refused(
      'parameter entity',
      '<!DOCTYPE e [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]><edmx:Edmx/>',
      /DOCTYPE/,
    );
    await refused('lower-case doctype', '<!doctype e [<!ENTITY a "b">]><edmx:Edmx/>');
    await refused('DOCTYPE after the root', `${edmx('')}<!DOCTYPE x>`);
    // Without a DOCTYPE an entity reference has nothing to expand to: refused, not left as text.
    await refused('undeclared entity', edmx('<EntityType Name="&lol9;"/>'), /undefined entity/);
    await refused(
      'entity in text',
      edmx(
        '<Annotations Target="N.T"><Annotation Term="x"><String>&xxe;</String></Annotation></Annotations>',
      ),
      /undefined entity/,
    );
    const refs = await check(
      'predefined and character references',
      edmx('<EntityType Name="A&amp;&#66;&#x43;"/>'),
    );
    expect(refs.kind === 'accepted' && Object.keys(refs.model.entityTypes)).toEqual(['N.A&BC']);
  });

  it('ends every deep nesting (100,000 levels) with a position, not a stack overflow', async () => {
    const deep = (open: string, close: string) =>
      edmx(
        `<Annotations Target="N.T"><Annotation Term="t">${open.repeat(100_000)}${close.repeat(100_000)}</Annotation></Annotations>`,
      );
    await refused('100,000 nested collections', deep('<Collection>', '</Collection>'), /nest deeper/);
    await refused(
      '100,000 nested records',
      deep('<Record><PropertyValue Property="p">', '</PropertyValue></Record>'),
      /nest deeper/,
    );
    await refused(
      '100,000 ignored elements',
      `<edmx:Edmx>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</edmx:Edmx>`,
    );
    await refused('100,000 unclosed elements', `<edmx:Edmx>${'<a>'.repeat(100_000)}`);
    await check(
      '800 levels (allowed)',
      edmx(
        `<Annotations Target="N.T"><Annotation Term="t">${'<Collection>'.repeat(800)}${'</Collection>'.repeat(800)}</Annotation></Annotations>`,
      ),
    );
  });

  it('reads huge attributes and text in bounded time', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const name = await check('20 MB type name', edmx(`<EntityType Name="${big}"/>`), 1 << 20);
    expect(name.kind).toBe('accepted');
    await check(
      '20 MB annotation text with references',
      edmx(
        `<Annotations Target="N.T"><Annotation Term="t"><String>${'&amp;x'.repeat(1 << 20)}</String></Annotation></Annotations>`,
      ),
      1 << 20,
    );
    await check(
      '100,000 attributes',
      edmx(`<EntityType Name="T" ${Array.from({ length: 100_000 }, (_, i) => `a${i}="v"`).join(' ')}/>`),
      1 << 16,
    );
    await refused('unterminated 5 MB attribute', `<edmx:Edmx Version="${'4'.repeat(5 << 20)}`);
  });

  it('refuses wrong encodings with a position', async () => {
    const doc = REAL.trippin!.toString('utf8');
    await refused('UTF-16LE without BOM', Buffer.from(doc, 'utf16le'));
    const be = Buffer.from(doc, 'utf16le');
    be.swap16();
    await refused('UTF-16BE without BOM', be);
    await refused(
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')]),
    );
    await refused('Latin-1 bytes', Buffer.from(edmx('<EntityType Name="Café"/>'), 'latin1'), /UTF-8/);
    for (const [what, bytes] of [
      ['lone continuation byte', [0x80]],
      ['overlong slash', [0xc0, 0xaf]],
      ['encoded surrogate', [0xed, 0xa0, 0x80]],
      ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ['truncated sequence', [0xe2, 0x82]],
    ] as const) {
      const [head, tail] = edmx('<EntityType Name="@"/>').split('@') as [string, string];
      await refused(what, Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]), /UTF-8/);
    }
    const bom = await check(
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), REAL.trippin!]),
    );
    expect(bom.kind).toBe('accepted');
    await refused('empty', Buffer.alloc(0), /empty/);
    await refused('only a BOM', Buffer.from([0xef, 0xbb, 0xbf]));
    await refused('NUL bytes', Buffer.alloc(1000));
  });

  it('keeps names like constructor and __proto__ as plain names', async () => {
    const doc = edmx(
      '<EntityType Name="__proto__"><Key><PropertyRef Name="constructor"/></Key><Property Name="constructor" Type="constructor"/><Property Name="p" Type="toString"/><NavigationProperty Name="n" Type="hasOwnProperty"/></EntityType>' +
        '<EntityType Name="T" BaseType="constructor"><Property Name="x" Type="Edm.String"><Annotation Term="__proto__" String="polluted"/></Property></EntityType>' +
        '<Annotations Target="constructor/x"><Annotation Term="a" String="b"/></Annotations>' +
        '<Annotations Target="hasOwnProperty/x/y"><Annotation Term="__proto__"><Record><PropertyValue Property="__proto__" String="p"/></Record></Annotation></Annotations>',
      '<EntitySet Name="__proto__" EntityType="N.__proto__"><NavigationPropertyBinding Path="__proto__" Target="x"/></EntitySet><EntitySet Name="constructor" EntityType="constructor"/><EntitySet Name="T" EntityType="N.T"/>',
    );
    const o = await check('prototype names', doc);
    expect(o.kind).toBe('accepted');
    if (o.kind !== 'accepted') return;
    expect(Object.keys(o.model.entitySets).sort()).toEqual(['T', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(o.model.entitySets)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('every truncation point of real documents', () => {
  it.each(Object.keys(REAL))('%s', async (name) => {
    const doc = REAL[name]!;
    const step = Math.max(1, Math.floor(doc.length / 300));
    let accepted = 0;
    for (let at = 0; at < doc.length; at += step) {
      const o = await check(`${name} cut at ${at}`, doc.subarray(0, at), 509);
      if (o.kind === 'accepted') accepted++;
    }
    // Only cuts in the trailing whitespace after the root can be complete documents.
    expect(accepted).toBeLessThanOrEqual(1);
  });

  it('Microsoft Graph (3.5 MB) cut at 40 points', async () => {
    for (let i = 1; i <= 40; i++) {
      const at = Math.floor((GRAPH.length * i) / 41);
      expect((await check(`graph cut at ${at}`, GRAPH.subarray(0, at), 65_536)).kind).toBe('refused');
    }
  });
});

/** Byte-level damage: flips, insertions of XML's special characters and of raw bytes, deletions, repeats. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      ']]>',
      '<!--',
      '<![CDATA[',
      '<!DOCTYPE x>',
      '&lol;',
      '&#0;',
      '&#xD800;',
      '</x>',
      '<x>',
      '/>',
      '=',
      '\u0000',
      '\uFFFE',
      '😀',
      '__proto__',
    ),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(doc: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(doc);
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.kind === 'set') {
      if (at < out.length) out[at] = m.byte;
    } else if (m.kind === 'insert' || m.kind === 'bytes') {
      const add = m.kind === 'insert' ? Buffer.from(m.text) : Buffer.from(m.bytes);
      out = Buffer.concat([out.subarray(0, at), add, out.subarray(at)]);
    } else if (m.kind === 'delete') {
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    } else {
      out = Buffer.concat([
        out.subarray(0, at + m.length),
        out.subarray(at, at + m.length),
        out.subarray(at + m.length),
      ]);
    }
  }
  return out;
}

describe('random damage to real documents (property-based)', () => {
  it('ends in a model or a positioned MetadataParseError, whole or streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(REAL)),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        async (name, mutations, chunk) => {
          await check(`${name} mutated`, mutate(REAL[name]!, mutations), chunk);
        },
      ),
      { numRuns: 400, seed: 9 },
    );
  });

  it('ends well on generated CSDL-like trees of any names, attributes and text', async () => {
    const names = fc.constantFrom(
      'Schema',
      'EntityType',
      'ComplexType',
      'EnumType',
      'Member',
      'Property',
      'NavigationProperty',
      'Key',
      'PropertyRef',
      'EntityContainer',
      'EntitySet',
      'Singleton',
      'Annotations',
      'Annotation',
      'Collection',
      'Record',
      'PropertyValue',
      'String',
      'Int',
      'Bool',
      'EnumMember',
      'Path',
      'Action',
      'Function',
      'Parameter',
      'ReturnType',
      'Association',
      'End',
      'NavigationPropertyBinding',
      'x:y',
      '_',
    );
    const attr = fc.tuple(
      fc.constantFrom(
        'Name',
        'Type',
        'BaseType',
        'Target',
        'Term',
        'Property',
        'Path',
        'EntityType',
        'Relationship',
        'ToRole',
        'Role',
        'Value',
        'String',
        'Int',
        'Bool',
        'MaxLength',
        'Precision',
        'Scale',
        'Nullable',
        'Alias',
        'Namespace',
        'Qualifier',
      ),
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          'constructor',
          '__proto__',
          'N.T',
          'Collection(N.T)',
          'Edm.String',
          '-1',
          '1e999',
          'max',
          'variable',
          'true',
        ),
      ),
    );
    const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const { tree } = fc.letrec<{ tree: string }>((tie) => ({
      tree: fc
        .tuple(
          names,
          fc.uniqueArray(attr, { maxLength: 4, selector: (a) => a[0] }),
          fc.array(
            fc.oneof(
              { depthSize: 'small', maxDepth: 5 },
              fc.string({ maxLength: 8 }).map(xmlEscape),
              tie('tree'),
            ),
            { maxLength: 4 },
          ),
        )
        .map(
          ([n, attrs, children]) =>
            `<${n}${attrs.map(([k, v]) => ` ${k}="${xmlEscape(v)}"`).join('')}>${children.join('')}</${n}>`,
        ),
    }));
    await fc.assert(
      fc.asyncProperty(fc.array(tree, { maxLength: 6 }), async (trees) => {
        await check(
          'generated tree',
          `<edmx:Edmx Version="4.0"><edmx:DataServices>${trees.join('')}</edmx:DataServices></edmx:Edmx>`,
          97,
        );
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('the tally', () => {
  it('saw no crash', () => {
    expect(tally.crashes, JSON.stringify(tally.crashes.slice(0, 3))).toEqual([]);
    expect(tally.cases).toBeGreaterThan(2000);
  });
});
