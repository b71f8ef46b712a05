import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FNO_METADATA } from '../test-support/fno-fixture.js';
import { readShared } from '../test-support/shared-data.js';
import { MetadataParseError } from './metadata-error.js';
import { documentHash, parseMetadata, parseMetadataSync } from './parse-metadata.js';

const LABEL = 'Microsoft.Dynamics.OData.Core.V1.LabelId';

describe('parseMetadata on real documents', () => {
  it("reads Microsoft Graph's 3.5 MB document (with BOM): counts match an independent parse", async () => {
    const bytes = readShared('metadata/msgraph-v1.0-cleanMetadata.xml');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: () => true });
    type Node = Record<string, unknown>;
    const doc = fxp.parse(bytes.toString('utf8')) as Node;
    const schemas = (((doc['edmx:Edmx'] as Node[])[0]!['edmx:DataServices'] as Node[])[0]!.Schema ??
      []) as Node[];
    const expected = new Map<string, { properties: number; key: string[] }>();
    for (const schema of schemas) {
      for (const et of (schema.EntityType ?? []) as Node[]) {
        const key = (((et.Key as Node[] | undefined)?.[0]?.PropertyRef ?? []) as Node[]).map((r) =>
          String(r.Name),
        );
        expected.set(`${schema.Namespace}.${et.Name}`, {
          properties: ((et.Property ?? []) as Node[]).length,
          key,
        });
      }
    }
    const model = await parseMetadata(Readable.from(chunks(bytes, 65_536)));
    expect(expected.size).toBe(1182);
    expect(Object.keys(model.entityTypes)).toHaveLength(expected.size);
    const actual = new Map(
      Object.values(model.entityTypes).map((t) => [
        t.name,
        { properties: t.properties.length, key: t.key ?? [] },
      ]),
    );
    expect(actual).toEqual(expected);
    const totalKeys = [...actual.values()].reduce((n, t) => n + t.key.length, 0);
    expect(totalKeys).toBe((bytes.toString('latin1').match(/<PropertyRef /g) ?? []).length);
    expect(Object.keys(model.complexTypes)).toHaveLength(1780);
    expect(Object.keys(model.enumTypes)).toHaveLength(861);
    expect(model.operations).toHaveLength(857 + 324);
    expect(model.hash).toMatch(/^79b90dfb12d5/);
    const user = model.entityTypes['microsoft.graph.user']!;
    expect(user.baseType).toBe('microsoft.graph.directoryObject');
    // External <Annotations Target=...> land on their property.
    const described = Object.values(model.entityTypes)
      .flatMap((t) => t.properties)
      .filter((p) => p.annotations?.['Org.OData.Core.V1.Description'] !== undefined);
    expect(described.length).toBeGreaterThan(1000);
    // The whole-document path scans the bytes as Latin-1 and decodes only where needed: same model.
    expect(parseMetadataSync(bytes)).toEqual(model);
  });

  it('reads TripPin: inheritance, singletons, bound functions and actions', () => {
    const model = parseMetadataSync(readShared('metadata/TripPin.xml'));
    const ns = 'Microsoft.OData.SampleService.Models.TripPin';
    expect(model.entityTypes[`${ns}.Flight`]!.baseType).toBe(`${ns}.PublicTransportation`);
    expect(model.entityTypes[`${ns}.PlanItem`]!.key).toEqual(['PlanItemId']);
    expect(model.entityTypes[`${ns}.Photo`]!.hasStream).toBe(true);
    expect(model.entitySets.Me).toMatchObject({ singleton: true, entityType: `${ns}.Person` });
    const share = model.operations.find((o) => o.name === `${ns}.ShareTrip`)!;
    expect(share).toMatchObject({ kind: 'Action', isBound: true });
    expect(share.parameters.map((p) => p.name)).toEqual(['person', 'userName', 'tripId']);
    expect(model.operations.find((o) => o.name === `${ns}.GetInvolvedPeople`)).toMatchObject({
      isComposable: true,
    });
  });

  it('reads Northwind composite keys in order', () => {
    const model = parseMetadataSync(readShared('metadata/Northwind-v4.xml'));
    expect(model.entityTypes['NorthwindModel.Order_Detail']!.key).toEqual(['OrderID', 'ProductID']);
    expect(Object.keys(model.entityTypes)).toHaveLength(26);
    const navs = Object.values(model.entityTypes).reduce((n, t) => n + t.navigationProperties.length, 0);
    expect(navs).toBe(22);
  });
});

describe('parseMetadata on an F&O-shaped document', () => {
  const model = parseMetadataSync(FNO_METADATA);
  const customer = model.entityTypes['Microsoft.Dynamics.DataEntities.CustomerV3']!;

  it('resolves aliases, keeps composite keys, facets, labels and hints', () => {
    expect(customer.key).toEqual(['dataAreaId', 'CustomerAccount']);
    const byName = Object.fromEntries(customer.properties.map((p) => [p.name, p]));
    expect(byName.dataAreaId).toMatchObject({
      maxLength: 4,
      nullable: false,
      annotations: { [LABEL]: '@SYS13342' },
    });
    expect(byName.CreditLimit).toMatchObject({ type: 'Edm.Decimal', precision: 32, scale: 6 });
    expect(byName.Blocked!.type).toBe('Microsoft.Dynamics.DataEntities.NoYes');
    expect(byName.RecordId!.annotations).toEqual({ 'Org.OData.Core.V1.Computed': true });
    expect(byName.Tags).toMatchObject({ type: 'Edm.String', collection: true });
    expect(customer.navigationProperties[0]).toMatchObject({
      name: 'CustomerGroup',
      type: 'Microsoft.Dynamics.DataEntities.CustomerGroup',
    });
    expect(model.entitySets.CustomersV3!.annotations).toEqual({ [LABEL]: 'Customers V3' });
    expect(model.entityContainer).toBe('Microsoft.Dynamics.DataEntities.Resources');
  });

  it('keeps enum members in order with exact Int64 values and labels', () => {
    expect(model.enumTypes['Microsoft.Dynamics.DataEntities.NoYes']!.members).toEqual([
      { name: 'No', value: '0', annotations: { [LABEL]: '@SYS1' } },
      { name: 'Yes', value: '1', annotations: { [LABEL]: '@SYS2' } },
    ]);
    expect(model.enumTypes['Microsoft.Dynamics.DataEntities.BigFlags']!.members[0]!.value).toBe(
      '9007199254740993',
    );
  });

  it('applies external annotations with aliased terms and enum members', () => {
    const group = model.entityTypes['Microsoft.Dynamics.DataEntities.CustomerGroup']!;
    expect(group.properties.find((p) => p.name === 'Description')!.annotations).toEqual({
      'Org.OData.Core.V1.Description': 'Group description',
      'Org.OData.Core.V1.Permissions': 'Read',
    });
  });

  it('applies external annotations to members in any order, a property before a navigation property', () => {
    const targets = ['c', 'a', 'b', 'n', 'c', 'x', 'a'];
    const blocks = targets.map(
      (member, i) =>
        `<Annotations Target="N.T/${member}"><Annotation Term="Core.Description" String="${i}"/></Annotations>`,
    );
    const doc = parseMetadataSync(
      `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
      <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="T"><Property Name="a" Type="Edm.String"/><Property Name="b" Type="Edm.String"/>
      <Property Name="c" Type="Edm.String"/><NavigationProperty Name="b" Type="N.T"/>
      <NavigationProperty Name="n" Type="N.T"/></EntityType>${blocks.join('')}</Schema>
      </edmx:DataServices></edmx:Edmx>`,
    );
    const t = doc.entityTypes['N.T']!;
    const described = (m: { annotations?: Record<string, unknown> }) => m.annotations?.['Core.Description'];
    expect(t.properties.map(described)).toEqual(['6', '2', '4']);
    expect(t.navigationProperties.map(described)).toEqual([undefined, '3']);
  });

  it('reads annotation targets written with character references, and skips blocks without one', () => {
    const block = (target: string, text: string) =>
      `<Annotations ${target}><Annotation Term="Core.Description" String="${text}"/></Annotations>`;
    const doc = parseMetadataSync(
      `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
      <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="T"><Property Name="ab" Type="Edm.String"/><Property Name="c" Type="Edm.String"/></EntityType>
      ${block('Target="N.T/a&#x62;"', 'ab')}${block('Target="N.&#x54;/c"', 'c')}${block('', 'none')}
      ${block('Target="N.T/c/deeper"', 'deeper')}${block('Target="N.&#x54;"', 'type')}</Schema>
      </edmx:DataServices></edmx:Edmx>`,
    );
    const t = doc.entityTypes['N.T']!;
    expect(t.annotations).toEqual({ 'Core.Description': 'type' });
    expect(t.properties.map((p) => p.annotations)).toEqual([
      { 'Core.Description': 'ab' },
      { 'Core.Description': 'c' },
    ]);
  });

  it('qualifies type references by aliases declared before them, after them, or never', () => {
    const doc = parseMetadataSync(
      `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
      <edmx:Reference Uri="r"><edmx:Include Namespace="Ext.Types" Alias="X"/></edmx:Reference>
      <edmx:DataServices><Schema Namespace="First.Ns" Alias="F" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="A" BaseType="L.Base"><Property Name="own" Type="F.Kind"/>
      <Property Name="later" Type="Collection(L.Kind)"/><Property Name="ext" Type="X.Money"/>
      <Property Name="plain" Type="Second.Ns.Kind"/><Property Name="none" Type="Nowhere.Kind"/>
      <NavigationProperty Name="b" Type="L.Base"/></EntityType>
      <Action Name="Do"><Parameter Name="p" Type="L.Kind"/><ReturnType Type="Collection(L.Base)"/></Action>
      <EntityContainer Name="C"><EntitySet Name="As" EntityType="F.A"/><Singleton Name="Me" Type="L.Base"/></EntityContainer>
      </Schema><Schema Namespace="Second.Ns" Alias="L" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="Base"/><EnumType Name="Kind"><Member Name="One"/></EnumType></Schema>
      </edmx:DataServices></edmx:Edmx>`,
    );
    const a = doc.entityTypes['First.Ns.A']!;
    expect(a.baseType).toBe('Second.Ns.Base');
    expect(a.properties.map((p) => [p.type, p.collection ?? false])).toEqual([
      ['First.Ns.Kind', false],
      ['Second.Ns.Kind', true],
      ['Ext.Types.Money', false],
      ['Second.Ns.Kind', false],
      ['Nowhere.Kind', false],
    ]);
    expect(a.navigationProperties[0]!.type).toBe('Second.Ns.Base');
    expect(doc.operations[0]!.parameters[0]!.type).toBe('Second.Ns.Kind');
    expect(doc.operations[0]!.returnType).toEqual({
      type: 'Second.Ns.Base',
      collection: true,
      nullable: true,
    });
    expect(doc.entitySets.As!.entityType).toBe('First.Ns.A');
    expect(doc.entitySets.Me!.entityType).toBe('Second.Ns.Base');
  });

  it("qualifies annotation terms by aliases declared after them, keeping each holder's order", () => {
    const doc = parseMetadataSync(
      `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
      <edmx:DataServices><Schema Namespace="First.Ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="A"><Property Name="p" Type="Edm.String"><Annotation Term="L.Note" String="x"/>
      <Annotation Term="Core.Description" String="d"/><Annotation Term="L.Note" Qualifier="q" String="y"/>
      </Property><Annotation Term="L.Rec"><Record><PropertyValue Property="a" String="1"/></Record></Annotation>
      <Annotation Term="L.Flag"/></EntityType>
      <EnumType Name="E"><Member Name="One"><Annotation Term="L.Note" String="m"/></Member></EnumType>
      <Action Name="Do"><Annotation Term="L.Flag"/></Action>
      <EntityContainer Name="C"><EntitySet Name="As" EntityType="First.Ns.A"><Annotation Term="L.Flag"/>
      </EntitySet></EntityContainer>
      <Annotations Target="First.Ns.A/p"><Annotation Term="L.Ext" String="z"/></Annotations></Schema>
      <Schema Namespace="Second.Ns" Alias="L" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <Term Name="Note" Type="Edm.String"/><EntityType Name="B"><Annotation Term="L.Note" String="after"/>
      </EntityType></Schema></edmx:DataServices></edmx:Edmx>`,
    );
    const a = doc.entityTypes['First.Ns.A']!;
    expect(Object.entries(a.properties[0]!.annotations!)).toEqual([
      ['Second.Ns.Note', 'x'],
      ['Core.Description', 'd'],
      ['Second.Ns.Note#q', 'y'],
      ['Second.Ns.Ext', 'z'],
    ]);
    expect(a.annotations).toEqual({ 'Second.Ns.Rec': { a: '1' }, 'Second.Ns.Flag': true });
    expect(doc.enumTypes['First.Ns.E']!.members[0]!.annotations).toEqual({ 'Second.Ns.Note': 'm' });
    expect(doc.operations[0]!.annotations).toEqual({ 'Second.Ns.Flag': true });
    expect(doc.entitySets.As!.annotations).toEqual({ 'Second.Ns.Flag': true });
    expect(doc.entityTypes['Second.Ns.B']!.annotations).toEqual({ 'Second.Ns.Note': 'after' });
  });

  it('is JSON-serialisable and the same from any chunking, bytes or string', async () => {
    const bytes = Buffer.from(`\uFEFF${FNO_METADATA.replace('Customers V3', 'Kunden – Ü€𝄞')}`);
    const whole = parseMetadataSync(bytes);
    // One-byte chunks split every multi-byte character.
    const streamed = await parseMetadata(Readable.from(chunks(bytes, 1)));
    expect(streamed).toEqual(whole);
    // Whole bytes, awaited: the same model, hashed from the bytes.
    expect(await parseMetadata(bytes)).toEqual(whole);
    expect(whole.hash).toBe(documentHash(bytes));
    expect(JSON.parse(JSON.stringify(whole))).toEqual(whole);
    expect(whole.entitySets.CustomersV3!.annotations![LABEL]).toBe('Kunden – Ü€𝄞');
    expect(parseMetadataSync(FNO_METADATA).hash).toBe(model.hash);
  });
});

describe('parseMetadata refuses malformed and hostile XML with line and column', () => {
  const cases: [string, string, RegExp, number, number?][] = [
    ['truncated', FNO_METADATA.slice(0, 2000), /unclosed tag/, 0],
    [
      'wrong root',
      '<?xml version="1.0"?>\n<html>\n</html>',
      /expected root element edmx:Edmx, found <html>/,
      2,
      6,
    ],
    [
      'billion laughs',
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<edmx:Edmx>&lol2;</edmx:Edmx>',
      /DOCTYPE is not allowed/,
      2,
    ],
    [
      'external entity',
      '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edmx:Edmx>&xxe;</edmx:Edmx>',
      /DOCTYPE/,
      1,
    ],
    ['undefined entity', '<edmx:Edmx Version="4.0">\n  &xxe;</edmx:Edmx>', /undefined entity/, 2],
    ['mismatched tags', '<edmx:Edmx><a></b></edmx:Edmx>', /unexpected close tag/, 1],
    ['not XML', '{"$Version":"4.0"}', /text data outside of root node|root/, 1],
    ['empty', '', /empty/, 1],
  ];
  for (const [name, xml, reason, line, column] of cases) {
    it(`refuses ${name}, as text and as bytes, at once or awaited`, async () => {
      const attempts = [
        () => parseMetadataSync(xml),
        () => parseMetadataSync(Buffer.from(xml)),
        () => parseMetadata(Buffer.from(xml)),
      ];
      for (const attempt of attempts) {
        let error: unknown;
        try {
          await attempt();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(MetadataParseError);
        const e = error as MetadataParseError;
        expect(e.reason).toMatch(reason);
        if (line > 0) expect(e.line).toBe(line);
        if (column !== undefined) expect(e.column).toBe(column);
        expect(e.message).toMatch(/at line \d+, column \d+/);
      }
    });
  }

  it('refuses bytes that are not UTF-8, at the byte that breaks it', () => {
    expect(() => parseMetadataSync(Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]))).toThrow(/not valid UTF-8/);
    const at = (bytes: Buffer) => {
      try {
        parseMetadataSync(bytes);
      } catch (e) {
        if (!(e instanceof MetadataParseError)) throw e;
        return { line: e.line, column: e.column, reason: e.reason };
      }
      throw new Error('accepted');
    };
    // Latin-1 "é" before a quote: the lead of a sequence the quote breaks; columns count characters.
    const latin1 = Buffer.concat([
      Buffer.from('<edmx:Edmx>\n  <a Name="Caf'),
      Buffer.from([0xe9, 0x22, 0x2f, 0x3e]),
    ]);
    expect(at(latin1)).toEqual({
      line: 2,
      column: 15,
      reason: expect.stringMatching(/byte 0xe9 at offset 26/),
    });
    // A stray byte after a valid three-byte character.
    const stray = Buffer.concat([Buffer.from('<edmx:Edmx>\n\n  <a Name="€'), Buffer.from([0xff])]);
    expect(at(stray)).toMatchObject({ line: 3, column: 13 });
    // UTF-16 without its BOM.
    expect(at(Buffer.from('<edmx:Edmx/>', 'utf16le'))).toMatchObject({ line: 1 });
  });

  it('refuses exactly the bytes Node refuses as UTF-8, wherever they stand', () => {
    // Only the runs of bytes ≥ 0x80 are checked: every way a sequence can be broken, inside, at the
    // edges of and across such runs, after a BOM and at the very end.
    const sequences = [
      [0xc3, 0xa9],
      [0xe2, 0x82, 0xac],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xc3, 0xa9, 0xe2, 0x82, 0xac],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x80],
      [0xc3],
      [0xe2, 0x82],
      [0xc3, 0xa9, 0x80],
      [0xc3, 0x41],
      [0xff],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ];
    for (const sequence of sequences) {
      const bytes = Buffer.from(sequence);
      for (const [before, after] of [
        ['<r a="x', '"/>'],
        ['<r>', '</r>'],
        ['<r/>', ''],
      ]) {
        for (const bom of [[], [0xef, 0xbb, 0xbf]]) {
          const document = Buffer.concat([
            Buffer.from(bom),
            Buffer.from(before!),
            bytes,
            Buffer.from(after!),
          ]);
          const refused = /not valid UTF-8/;
          if (isUtf8(document)) expect(() => parseMetadataSync(document)).not.toThrow(refused);
          else expect(() => parseMetadataSync(document), `${bytes.toString('hex')}`).toThrow(refused);
        }
      }
    }
  });
});

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
