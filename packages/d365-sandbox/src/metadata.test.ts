import { existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from './test-support.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());

describe('$metadata', () => {
  let xml = '';
  beforeAll(async () => {
    const res = await t.call('/data/$metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    xml = await res.text();
  });

  it('uses the F&O namespace and the Resources container', () => {
    expect(xml).toContain('<Schema Namespace="Microsoft.Dynamics.DataEntities"');
    expect(xml).toContain('<EntityContainer Name="Resources">');
    expect(xml.match(/<Schema /g)).toHaveLength(1);
  });

  it('declares singular types and case-sensitive plural sets with composite keys', () => {
    expect(xml).toContain(
      '<EntitySet Name="CustomersV3" EntityType="Microsoft.Dynamics.DataEntities.CustomerV3">',
    );
    expect(xml).toMatch(
      /<EntityType Name="CustomerV3"><Key><PropertyRef Name="dataAreaId" \/><PropertyRef Name="CustomerAccount" \/><\/Key>/,
    );
    expect(xml.match(/<EntityType /g)?.length).toBeGreaterThan(400);
  });

  it('types dates, decimals, record ids and enums the way F&O does', () => {
    expect(xml).toMatch(/<Property Name="RequestedShippingDate" Type="Edm.DateTimeOffset"/);
    expect(xml).toMatch(
      /<Property Name="CreditLimit" Type="Edm.Decimal" Nullable="false" Precision="32" Scale="6">/,
    );
    expect(xml).toMatch(/<Property Name="PrimaryContactPhoneRecordId" Type="Edm.Int64"/);
    expect(xml).toMatch(/<Property Name="PartyType" Type="Microsoft.Dynamics.DataEntities.DirPartyBaseType"/);
    expect(xml).toMatch(/<EnumType Name="NoYes">.*<Member Name="No" Value="0">/);
    expect(xml.match(/<EnumType /g)?.length).toBeGreaterThan(500);
  });

  it('carries label annotations, navigation properties and bound actions after the types', () => {
    expect(xml).toMatch(/Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS\d+"/);
    expect(xml).toContain(
      '<NavigationProperty Name="SalesOrderLines" Type="Collection(Microsoft.Dynamics.DataEntities.SalesOrderLine)">',
    );
    expect(xml).toContain(
      '<NavigationProperty Name="CustomerGroup" Type="Microsoft.Dynamics.DataEntities.CustomerGroup"',
    );
    expect(xml).toContain('<Action Name="ExportToPackage" IsBound="true">');
    expect(xml.indexOf('<Action ')).toBeGreaterThan(xml.lastIndexOf('<EntityType '));
    expect(xml.indexOf('<Action ')).toBeGreaterThan(xml.lastIndexOf('<EnumType '));
  });

  it('serves gzip when the client accepts it', async () => {
    const res = await fetch(`${t.sb.url}/data/$metadata`, {
      headers: { authorization: `Bearer ${t.token}`, 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    // fetch decompresses transparently; the document must be the same.
    expect((await res.text()).length).toBe(xml.length);
  });
});

describe('service document', () => {
  it('lists the entity sets', async () => {
    const doc = await t.json<{ value: { name: string; kind: string; url: string }[] }>('/data');
    expect(doc.value).toContainEqual({ name: 'CustomersV3', kind: 'EntitySet', url: 'CustomersV3' });
    expect(doc.value).toContainEqual({ name: 'Prospects', kind: 'EntitySet', url: 'Prospects' });
  });
});

describe('catalogue', () => {
  const shared = new URL('../../../../shared/data/fno-openapi/', import.meta.url);
  it.runIf(existsSync(shared))('is up to date with the generator', async () => {
    const { buildCatalogue } = await import('../scripts/catalogue-builder.js');
    const { readFileSync } = await import('node:fs');
    const committed = gunzipSync(
      readFileSync(new URL('../data/catalogue.json.gz', import.meta.url)),
    ).toString('utf8');
    expect(committed).toBe(JSON.stringify(buildCatalogue(shared.pathname)));
  });
});

describe('/Metadata/Labels (the REST metadata service)', () => {
  it("answers the text of a label id the $metadata names, in words, as F&O's labels read", async () => {
    const xml = await (await t.call('/data/$metadata')).text();
    const id =
      /<Property Name="CustomerGroupId"[^>]*><Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="(@SYS\d+)"/.exec(
        xml,
      )?.[1];
    expect(id).toBeDefined();
    const res = await t.call(`/Metadata/Labels(Id='${id}',Language='en-us')`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ Id: id, Language: 'en-us', Value: 'Customer group id' });
  });

  it('refuses an unknown label, an unknown resource and a caller without a token', async () => {
    const unknown = await t.call(`/Metadata/Labels(Id='@SYS0',Language='en-us')`);
    expect(unknown.status).toBe(404);
    const error = (await unknown.json()) as { error: { innererror: { message: string } } };
    expect(error.error.innererror.message).toBe('No label @SYS0 in language en-us.');
    expect((await t.call('/Metadata/DataEntities')).status).toBe(404);
    const anonymous = await fetch(`${t.sb.url}/Metadata/Labels(Id='@SYS1',Language='en-us')`);
    expect(anonymous.status).toBe(401);
  });
});
