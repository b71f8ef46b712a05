import type { MapDefinition, Profile, ProfileField } from '@flowline/contracts';

const s = (name: string, extra: Partial<ProfileField> = {}): ProfileField => ({
  name,
  kind: 'string',
  edmType: 'Edm.String',
  nullable: true,
  ...extra,
});

/** A web shop order with lines: the source side of the loop tests. */
export const webOrderProfile: Profile = {
  entityType: 'Shop.Order',
  key: ['orderNo'],
  fields: [
    s('orderNo', { nullable: false, keyIndex: 0 }),
    s('customer'),
    s('company'),
    { name: 'orderedAt', kind: 'datetime', edmType: 'Edm.DateTimeOffset', nullable: true },
    s('shipTo', { kind: 'complex', edmType: 'Shop.Address', fields: [s('city'), s('country')] }),
    {
      name: 'lines',
      kind: 'complex',
      edmType: 'Collection(Shop.Line)',
      collection: true,
      nullable: true,
      fields: [
        s('sku'),
        { name: 'qty', kind: 'decimal', edmType: 'Edm.Decimal', nullable: true, precision: 12, scale: 2 },
        { name: 'price', kind: 'decimal', edmType: 'Edm.Decimal', nullable: true, precision: 12, scale: 2 },
        s('note'),
      ],
    },
  ],
};

/** An F&O-like sales order header with its lines as a to-many navigation. */
export const salesOrderProfile: Profile = {
  entityType: 'Microsoft.Dynamics.DataEntities.SalesOrderHeaderV2',
  key: ['dataAreaId', 'SalesOrderNumber'],
  fields: [
    s('dataAreaId', { nullable: false, keyIndex: 0, maxLength: 4 }),
    s('SalesOrderNumber', { nullable: false, keyIndex: 1, maxLength: 20 }),
    s('OrderingCustomerAccountNumber', { maxLength: 20, mandatory: true }),
    { name: 'RequestedShippingDate', kind: 'datetime', edmType: 'Edm.DateTimeOffset', nullable: false },
    s('DeliveryAddressCity', { maxLength: 60 }),
    s('DeliveryAddressCountryRegionId', { maxLength: 10 }),
    s('SalesOrderStatus', {
      kind: 'enum',
      edmType: 'Microsoft.Dynamics.DataEntities.SalesStatus',
      enumMembers: ['None', 'Backorder', 'Delivered', 'Invoiced', 'Canceled'].map((name, i) => ({
        name,
        value: String(i),
      })),
    }),
    { name: 'RecId', kind: 'int64', edmType: 'Edm.Int64', nullable: false, readOnly: true },
    {
      name: 'SalesOrderLines',
      kind: 'navigation',
      edmType: 'Collection(Microsoft.Dynamics.DataEntities.SalesOrderLine)',
      collection: true,
      nullable: true,
      fields: [
        s('SalesOrderNumber', { maxLength: 20 }),
        {
          name: 'LineNumber',
          kind: 'decimal',
          edmType: 'Edm.Decimal',
          nullable: false,
          precision: 32,
          scale: 16,
        },
        s('ItemNumber', { maxLength: 20, mandatory: true }),
        {
          name: 'OrderedSalesQuantity',
          kind: 'decimal',
          edmType: 'Edm.Decimal',
          nullable: false,
          precision: 32,
          scale: 6,
        },
        {
          name: 'LineAmount',
          kind: 'decimal',
          edmType: 'Edm.Decimal',
          nullable: false,
          precision: 32,
          scale: 6,
        },
        s('LineDescription', { maxLength: 1000 }),
      ],
    },
  ],
};

/** The web order to sales order map: constants, functions, a loop reading its header. */
export function orderMap(): MapDefinition {
  return {
    schemaVersion: 1,
    name: 'Web order to sales order',
    source: { profile: webOrderProfile },
    target: { profile: salesOrderProfile },
    constants: { company: 'usmf' },
    rules: [
      { id: 'r-area', kind: 'field', target: 'dataAreaId', value: { type: 'mapConstant', name: 'company' } },
      {
        id: 'r-no',
        kind: 'field',
        target: 'SalesOrderNumber',
        steps: [
          {
            id: 's1',
            fn: 'concat',
            args: [
              { type: 'constant', value: 'WEB-' },
              { type: 'source', path: 'orderNo' },
            ],
          },
        ],
        value: { type: 'step', step: 's1' },
      },
      {
        id: 'r-cust',
        kind: 'field',
        target: 'OrderingCustomerAccountNumber',
        steps: [
          { id: 't', fn: 'trim', args: [{ type: 'source', path: 'customer' }] },
          { id: 'u', fn: 'upper', args: [{ type: 'step', step: 't' }] },
        ],
        value: { type: 'step', step: 'u' },
        default: 'CASH',
      },
      {
        id: 'r-date',
        kind: 'field',
        target: 'RequestedShippingDate',
        steps: [
          {
            id: 'd',
            fn: 'toFnoDate',
            args: [
              { type: 'source', path: 'orderedAt' },
              { type: 'constant', value: 'Europe/Berlin' },
            ],
          },
        ],
        value: { type: 'step', step: 'd' },
      },
      {
        id: 'r-city',
        kind: 'field',
        target: 'DeliveryAddressCity',
        value: { type: 'source', path: 'shipTo.city' },
      },
      {
        id: 'r-country',
        kind: 'field',
        target: 'DeliveryAddressCountryRegionId',
        steps: [
          {
            id: 'l',
            fn: 'lookup',
            args: [
              { type: 'source', path: 'shipTo.country' },
              { type: 'constant', value: { DE: 'DEU', US: 'USA' } },
            ],
          },
        ],
        value: { type: 'step', step: 'l' },
      },
      {
        id: 'r-lines',
        kind: 'loop',
        source: 'lines[]',
        target: 'SalesOrderLines[]',
        steps: [
          { id: 'has', fn: 'isEmpty', args: [{ type: 'source', path: 'sku' }] },
          { id: 'keep', fn: 'not', args: [{ type: 'step', step: 'has' }] },
        ],
        condition: { type: 'step', step: 'keep' },
        rules: [
          {
            id: 'r-line-order',
            kind: 'field',
            target: 'SalesOrderNumber',
            steps: [
              {
                id: 'c',
                fn: 'concat',
                args: [
                  { type: 'constant', value: 'WEB-' },
                  { type: 'source', path: 'orderNo', scope: 'parent' },
                ],
              },
            ],
            value: { type: 'step', step: 'c' },
          },
          {
            id: 'r-line-no',
            kind: 'field',
            target: 'LineNumber',
            steps: [{ id: 'p', fn: 'position', args: [] }],
            value: { type: 'step', step: 'p' },
          },
          { id: 'r-item', kind: 'field', target: 'ItemNumber', value: { type: 'source', path: 'sku' } },
          {
            id: 'r-qty',
            kind: 'field',
            target: 'OrderedSalesQuantity',
            value: { type: 'source', path: 'qty' },
            default: 1,
          },
          {
            id: 'r-amount',
            kind: 'field',
            target: 'LineAmount',
            steps: [
              {
                id: 'm',
                fn: 'multiply',
                args: [
                  { type: 'source', path: 'qty' },
                  { type: 'source', path: 'price' },
                ],
              },
              {
                id: 'r',
                fn: 'round',
                args: [
                  { type: 'step', step: 'm' },
                  { type: 'constant', value: 2 },
                ],
              },
            ],
            value: { type: 'step', step: 'r' },
          },
        ],
      },
    ],
  };
}

/** A web order with two kept lines and one line without an item (filtered out by the loop condition). */
export const webOrder = {
  orderNo: '1001',
  customer: '  us-001 ',
  orderedAt: '2026-01-15T23:30:00Z',
  shipTo: { city: 'Berlin', country: 'DE' },
  lines: [
    { sku: 'A-100', qty: 3, price: 19.99 },
    { sku: '', qty: 1, price: 5 },
    { sku: 'B-200', qty: 0.1, price: 0.2, note: 'sample' },
  ],
};
