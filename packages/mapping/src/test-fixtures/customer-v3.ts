import { readFileSync } from 'node:fs';
import type { FieldKind, Profile, ProfileField } from '@flowline/contracts';

/**
 * A CustomerV3 profile derived from a real F&O environment's entity shape
 * (shared/data/fno-openapi/finance-receivable.json), with what the OpenAPI conversion lost put back
 * as FNO-ODATA.md describes it: date fields as Edm.DateTimeOffset, Decimal precision/scale, max
 * lengths, the key. Test-only: reads the shared data folder.
 */
const data = new URL('../../../../../shared/data/fno-openapi/', import.meta.url);
const NS = 'Microsoft.Dynamics.DataEntities';

interface OpenApiProp {
  type?: string;
  format?: string;
  allOf?: { $ref: string }[];
}
interface OpenApiDoc {
  paths: Record<string, unknown>;
  components: {
    schemas: Record<
      string,
      { properties?: Record<string, OpenApiProp>; required?: string[]; enum?: string[] }
    >;
  };
}

/** What the OpenAPI conversion lost, for the fields the tests lean on. */
const LOST: Record<string, Partial<ProfileField>> = {
  dataAreaId: { maxLength: 4 },
  CustomerAccount: { maxLength: 20 },
  CustomerGroupId: { maxLength: 10, mandatory: true },
  OrganizationName: { maxLength: 100 },
  SalesCurrencyCode: { maxLength: 3 },
  PartyNumber: { maxLength: 40 },
  CreditLimit: { precision: 32, scale: 6 },
};
/** Fields the brief's CustomerV3 names that this shape lacks (system fields and a NoYes flag). */
const EXTRA: ProfileField[] = [
  {
    name: 'IsSalesTaxIncludedInPrice',
    kind: 'enum',
    edmType: `${NS}.NoYes`,
    nullable: false,
    enumMembers: [
      { name: 'No', value: '0' },
      { name: 'Yes', value: '1' },
    ],
  },
  {
    name: 'CreatedDateTime',
    kind: 'datetime',
    edmType: 'Edm.DateTimeOffset',
    nullable: false,
    readOnly: true,
  },
  { name: 'RecId', kind: 'int64', edmType: 'Edm.Int64', nullable: false, readOnly: true },
];
const PARTY_TYPE: ProfileField = {
  name: 'PartyType',
  kind: 'enum',
  edmType: `${NS}.DirPartyType`,
  nullable: false,
  enumMembers: ['None', 'Person', 'Organization'].map((name, i) => ({ name, value: String(i) })),
};

function field(name: string, p: OpenApiProp, doc: OpenApiDoc, required: Set<string>): ProfileField {
  const nullable = !required.has(name);
  const ref = p.allOf?.[0]?.$ref;
  if (ref) {
    const enumName = ref.split('/').pop()!;
    const members = doc.components.schemas[enumName]?.enum ?? [];
    return {
      name,
      kind: 'enum',
      edmType: `${NS}.${enumName}`,
      nullable,
      enumMembers: members.map((m, i) => ({ name: m, value: String(i) })),
    };
  }
  let kind: FieldKind = 'string';
  let edmType = 'Edm.String';
  if (p.format === 'int64') [kind, edmType] = ['int64', 'Edm.Int64'];
  else if (p.format === 'int32') [kind, edmType] = ['integer', 'Edm.Int32'];
  else if (p.type === 'number') [kind, edmType] = ['decimal', 'Edm.Decimal'];
  else if (/(Date|ValidFrom|ValidTo|Started|Since)$/.test(name))
    [kind, edmType] = ['datetime', 'Edm.DateTimeOffset'];
  const f: ProfileField = { name, kind, edmType, nullable, ...LOST[name] };
  if (kind === 'decimal' && f.precision === undefined) Object.assign(f, { precision: 32, scale: 16 });
  return f;
}

/** The CustomerV3 profile (about 310 fields, key dataAreaId + CustomerAccount). */
export function customerV3Profile(): Profile {
  const doc = JSON.parse(readFileSync(new URL('finance-receivable.json', data), 'utf8')) as OpenApiDoc;
  const schema = doc.components.schemas.CustomerV3!;
  const required = new Set(schema.required ?? []);
  const keyPath = Object.keys(doc.paths).find((p) => p.startsWith('/CustomersV3('))!;
  const key = [...keyPath.matchAll(/(\w+)=\{/g)].map((m) => m[1]!);
  const fields = Object.entries(schema.properties ?? {}).map(([n, p]) =>
    n === 'PartyType' ? PARTY_TYPE : field(n, p, doc, required),
  );
  for (const f of fields) {
    const k = key.indexOf(f.name);
    if (k >= 0) Object.assign(f, { keyIndex: k, nullable: false, mandatory: true });
  }
  return { entityType: `${NS}.CustomerV3`, entitySet: 'CustomersV3', key, fields: [...fields, ...EXTRA] };
}

/** A customer document as CustomersV3 returns it (the fields the tests use). */
export const sampleCustomer = {
  dataAreaId: 'usmf',
  CustomerAccount: 'US-001',
  OrganizationName: 'Contoso Retail San Diego',
  CustomerGroupId: '30',
  SalesCurrencyCode: 'USD',
  CreditLimit: 12500.5,
  PartyType: 'Organization',
  PartyNumber: '000001234',
  IsSalesTaxIncludedInPrice: 'No',
  CreatedDateTime: '2015-01-15T16:26:20Z',
  RecId: 5637144576,
  AddressValidFrom: '1900-01-01T00:00:00Z',
  PrimaryContactEmailRecordId: '9223372036854775001',
};
