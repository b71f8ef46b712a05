/**
 * What the OpenAPI conversion of the real CSDL lost, added back by hand (FNO-ODATA.md §1, §5, §10):
 * navigation properties, bound actions, mandatory fields, number sequences, and the Prospect entity
 * that the published shapes lack.
 */
import type { ActionDef, EntityDef, EnumDef, NavigationDef } from '../src/catalogue/types.js';

/** Mandatory (on create) fields of the headline entities, beyond the keys. */
export const mandatory: Record<string, string[]> = {
  CustomerV3: ['CustomerGroupId', 'SalesCurrencyCode'],
  CustomerGroup: ['CustomerGroupId'],
  VendorV2: ['VendorGroupId', 'CurrencyCode'],
  VendorGroup: ['VendorGroupId'],
  ReleasedProductV2: ['ItemNumber'],
  SalesOrderHeaderV2: ['OrderingCustomerAccountNumber', 'CurrencyCode'],
  SalesOrderLine: ['SalesOrderNumber', 'ItemNumber'],
  ContactPerson: ['ContactPersonName'],
  Prospect: ['Name'],
};

/** Keys filled from a number sequence when a create omits them. */
export const sequences: Record<string, EntityDef['seq']> = {
  CustomerV3: { key: 'CustomerAccount', prefix: 'US-', width: 6 },
  VendorV2: { key: 'VendorAccountNumber', prefix: 'V-', width: 6 },
  SalesOrderHeaderV2: { key: 'SalesOrderNumber', prefix: 'SO-', width: 6 },
  SalesOrderLine: { key: 'InventoryLotId', prefix: 'LOT-', width: 8 },
  ContactPerson: { key: 'ContactPersonId', prefix: 'CP-', width: 6 },
  Prospect: { key: 'ProspectId', prefix: 'PR-', width: 6 },
};

/** Navigation properties for the main relations. */
export const navigations: Record<string, NavigationDef[]> = {
  SalesOrderHeaderV2: [
    {
      n: 'SalesOrderLines',
      to: 'SalesOrderLine',
      many: true,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['SalesOrderNumber', 'SalesOrderNumber'],
      ],
    },
    {
      n: 'Customer',
      to: 'CustomerV3',
      many: false,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['OrderingCustomerAccountNumber', 'CustomerAccount'],
      ],
    },
  ],
  SalesOrderLine: [
    {
      n: 'SalesOrderHeader',
      to: 'SalesOrderHeaderV2',
      many: false,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['SalesOrderNumber', 'SalesOrderNumber'],
      ],
    },
    {
      n: 'Product',
      to: 'ReleasedProductV2',
      many: false,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['ItemNumber', 'ItemNumber'],
      ],
    },
  ],
  CustomerV3: [
    {
      n: 'CustomerGroup',
      to: 'CustomerGroup',
      many: false,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['CustomerGroupId', 'CustomerGroupId'],
      ],
    },
  ],
  CustomerGroup: [
    {
      n: 'Customers',
      to: 'CustomerV3',
      many: true,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['CustomerGroupId', 'CustomerGroupId'],
      ],
    },
    {
      n: 'Prospects',
      to: 'Prospect',
      many: true,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['CustomerGroupId', 'CustomerGroupId'],
      ],
    },
  ],
  VendorV2: [
    {
      n: 'VendorGroup',
      to: 'VendorGroup',
      many: false,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['VendorGroupId', 'VendorGroupId'],
      ],
    },
  ],
  VendorGroup: [
    {
      n: 'Vendors',
      to: 'VendorV2',
      many: true,
      c: [
        ['dataAreaId', 'dataAreaId'],
        ['VendorGroupId', 'VendorGroupId'],
      ],
    },
  ],
};

/** Bound actions; ExportToPackage follows the documented DMF package API. */
export const actions: Record<string, ActionDef[]> = {
  DataManagementDefinitionGroup: [
    {
      n: 'ExportToPackage',
      collection: true,
      params: [
        { n: 'definitionGroupId', t: 'Edm.String' },
        { n: 'packageName', t: 'Edm.String' },
        { n: 'executionId', t: 'Edm.String' },
        { n: 'reExecute', t: 'Edm.Boolean' },
        { n: 'legalEntityId', t: 'Edm.String' },
      ],
      returns: 'Edm.String',
    },
    {
      n: 'GetExecutionSummaryStatus',
      collection: true,
      params: [{ n: 'executionId', t: 'Edm.String' }],
      returns: 'Edm.String',
    },
  ],
  SalesOrderHeaderV2: [{ n: 'CalculateOrderTotal', collection: false, params: [], returns: 'Edm.Decimal' }],
  CustomerV3: [
    {
      n: 'ChangeCustomerGroup',
      collection: false,
      params: [{ n: 'customerGroupId', t: 'Edm.String' }],
      returns: 'Edm.String',
    },
  ],
};

/** Enums that the added entities use and the real shapes do not declare. */
export const extraEnums: EnumDef[] = [
  { name: 'ProspectStatus', members: ['Open', 'Qualified', 'Converted', 'Lost'], lb: 0 },
];

type Prop = [string, EntityDef['props'][number]['t'], (string | number)?];

/** Entities the published shapes lack, shaped the way F&O shapes its entities. */
export const extraEntities: { type: string; set: string; keys: string[]; props: Prop[] }[] = [
  {
    type: 'Prospect',
    set: 'Prospects',
    keys: ['dataAreaId', 'ProspectId'],
    props: [
      ['dataAreaId', 'String', 4],
      ['ProspectId', 'String', 20],
      ['Name', 'String', 100],
      ['PartyType', 'Enum', 'DirPartyBaseType'],
      ['Status', 'Enum', 'ProspectStatus'],
      ['CustomerGroupId', 'String', 10],
      ['PrimaryContactEmail', 'String', 255],
      ['PrimaryContactPhone', 'String', 255],
      ['AddressCity', 'String', 60],
      ['AddressCountryRegionId', 'String', 10],
      ['SalesCurrencyCode', 'String', 3],
      ['EstimatedAnnualRevenue', 'Decimal'],
      ['NumberOfEmployees', 'Int32'],
      ['FirstContactDate', 'Date'],
      ['IsOnHold', 'Enum', 'NoYes'],
      ['PartyRecordId', 'Int64'],
      ['ProspectGuid', 'Guid'],
      ['CreatedDateTime', 'DateTime'],
      ['ModifiedDateTime', 'DateTime'],
    ],
  },
  {
    type: 'DataManagementDefinitionGroup',
    set: 'DataManagementDefinitionGroups',
    keys: ['DefinitionGroupId'],
    props: [
      ['DefinitionGroupId', 'String', 60],
      ['Description', 'String', 60],
      ['OperationType', 'Enum', 'NoYes'],
    ],
  },
];
