import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { readShared } from '../test-support/shared-data.js';
import { type XmlHandler, XmlScanner, XmlSyntaxError } from './xml-scanner.js';

type Event = string;

function recorder(events: Event[]): XmlHandler {
  let text = '';
  const flush = () => {
    if (text.trim() !== '') events.push(`text ${text}`);
    text = '';
  };
  return {
    open(name, attrs) {
      flush();
      events.push(`open ${name} ${JSON.stringify(attrs.toRecord())}`);
      return undefined;
    },
    close() {
      flush();
      events.push('close');
    },
    wantsText: () => true,
    text(t) {
      text += t;
    },
  };
}

function scan(text: string, chunk = Number.POSITIVE_INFINITY): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner(recorder(events));
  for (let i = 0; i < text.length; i += chunk) scanner.write(text.slice(i, i + chunk));
  scanner.close();
  return events;
}

/** Bytes mode: the UTF-8 bytes of `text` scanned as Latin-1 text in one write. */
function scanBytes(text: string): Event[] {
  const events: Event[] = [];
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new XmlScanner(recorder(events), bytes);
  scanner.write(bytes.toString('latin1'), false);
  scanner.close();
  return events;
}

/** The same events from saxes, the reference parser. */
function saxes(text: string): Event[] {
  const events: Event[] = [];
  const h = recorder(events);
  const p = new SaxesParser();
  p.on('opentag', (tag) => {
    const record = tag.attributes as Record<string, string>;
    const names = Object.keys(record);
    h.open(
      tag.name,
      {
        get: (n) => record[n],
        peek: (n) => record[n],
        toRecord: () => record,
        count: names.length,
        nameAt: (i) => names[i]!,
        valueAt: (i) => record[names[i]!]!,
        sharedValueAt: (i) => record[names[i]!]!,
        valueIs: (i, text) => record[names[i]!] === text,
        valueWraps: (i, head, tail) =>
          record[names[i]!]!.startsWith(head) && record[names[i]!]!.endsWith(tail),
        numberAt: (i) => Number(record[names[i]!]),
      },
      tag.isSelfClosing,
    );
  });
  p.on('closetag', () => h.close());
  p.on('text', (t) => h.text(t));
  p.on('cdata', (t) => h.text(t));
  p.write(text).close();
  return events;
}

/** Checks the scanner emits saxes's events for `text`: whole, as bytes and in chunks of `sizes`. */
function expectSaxesEvents(text: string, sizes: number[]): Event[] {
  const events = saxes(text);
  expect(scanBytes(text)).toEqual(events);
  expect(scan(text)).toEqual(events);
  for (const size of sizes) expect(scan(text, size)).toEqual(events);
  return events;
}

describe('XmlScanner against saxes', () => {
  const docs = [
    'metadata/msgraph-v1.0-cleanMetadata.xml',
    'metadata/TripPin.xml',
    'metadata/Northwind-v4.xml',
    'odata-csdl/examples/csdl-16.1.xml',
    'odata-csdl/examples/special-characters.xml',
    'odata-csdl/test/odata-rw-v3.xml',
  ];
  for (const doc of docs) {
    it(`emits the same events as saxes for ${doc}`, () => {
      const text = readShared(doc)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      const events = saxes(text);
      expect(scan(text)).toEqual(events);
      expect(scanBytes(text)).toEqual(events);
    });
  }

  it('reads UTF-8 bytes as Latin-1 and decodes exactly the names, values and text that need it', () => {
    const text = `<?xml version="1.0"?><r é="ü &amp; 日本" n='a	b' x="😀&#x41;">
      <Ünïcode ß="straße">Grüße &lt; 👋<![CDATA[ça <va>]]></Ünïcode><e v="plain"/> </r>`;
    // Text chunks are scanned through their UTF-16 codes, however a chunk cuts a character.
    const events = expectSaxesEvents(text, [1, 2, 5]);
    expect(events).toContain('open Ünïcode {"ß":"straße"}');
  });

  it('emits the same events whatever the chunking', () => {
    const text = `<?xml version="1.0"?><!-- c --><r a='1' b="x &amp; &#x41;&#66; &lt;y&gt;">t<![CDATA[<raw>&]]>u<e/>
      <f g="tab\there\nand line"></f></r>`;
    const whole = scan(text);
    expect(whole).toContain('text t<raw>&u');
    for (const size of [1, 2, 3, 7]) expect(scan(text, size)).toEqual(whole);
    expect(whole).toEqual(saxes(text));
  });

  it('reads tags and attribute names that differ from those of the element before', () => {
    // The scanner first checks the previous sibling's tag and the attribute names its predecessor had:
    // longer and shorter names, other orders, spaces around "=" and non-ASCII names must all be read.
    const text = `<r><P Name="a" Type="t"/><P Name="b" Type="t"/><PRef Name="c"/><P Names="d" Type="t"/>
      <P Type="t" Name="e"/><P Nam="f"/><P Name = "g" Type ="t"/><P Name="h" Type="t" Extra="x"/>
      <P Name="i"/><Pé Namé="j"/><P Name="k" Type="t"><P Name="l"/></P><P/><Pé Namé="m"/></r>`;
    expect(expectSaxesEvents(text, [1, 3, 8])).toContain('open P {"Names":"d","Type":"t"}');
  });

  it('refuses a duplicate attribute in the place where another element had that name', () => {
    for (const text of ['<r><a b="1" c="2"/><a b="1" b="2"/></r>', '<r><a b="1"/><a b="1" b="2"/></r>']) {
      expect(() => scan(text)).toThrow(/duplicate attribute b in <a>/);
      expect(() => scanBytes(text)).toThrow(/duplicate attribute b in <a>/);
    }
  });

  const bad: [string, RegExp, number, number][] = [
    ['<a>\n<b>\n</a>', /unexpected close tag <\/a>, expected <\/b>/, 3, 4],
    ['<a b="1" b="2"/>', /duplicate attribute/, 1, 10],
    ['<a b=1/>', /must be quoted/, 1, 6],
    ['<a b="<"/>', /not allowed/, 1, 6],
    ['<a>&bogus;</a>', /undefined entity/, 1, 4],
    ['<a>AT&T</a>', /must start an entity/, 1, 6],
    ['<a/><b/>', /second root/, 1, 8],
    ['<a>', /unclosed tag: a/, 1, 3],
    ['<a x="1"', /unclosed tag: a/, 1, 1],
    ['<!DOCTYPE a><a/>', /DOCTYPE/, 1, 9],
    ['x<a/>', /outside of root/, 1, 1],
    ['<1a/>', /invalid start tag name/, 1, 2],
    // Columns count characters, not UTF-8 bytes, in bytes mode too.
    ['<a b="日本">\n<c d="é😀">&bad;</c></a>', /undefined entity/, 2, 12],
    ['<a b="日本 &bad; x"/>', /undefined entity/, 1, 10],
    ['<a b="日本 <"/>', /not allowed/, 1, 9],
    ['<日本/><b/>', /second root/, 1, 9],
    ['<日本>\n</本日>', /unexpected close tag <\/本日>, expected <\/日本>/, 2, 5],
    ['<a/>\u00a0', /outside of root/, 1, 5],
  ];
  for (const [text, reason, line, column] of bad) {
    it(`refuses ${JSON.stringify(text)} at ${line}:${column}`, () => {
      const runs = [() => scan(text), () => scan(text, 1), () => scanBytes(text)];
      for (const run of runs) {
        let error: unknown;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(XmlSyntaxError);
        expect((error as XmlSyntaxError).reason).toMatch(reason);
        expect([(error as XmlSyntaxError).line, (error as XmlSyntaxError).column]).toEqual([line, column]);
      }
    });
  }
});
