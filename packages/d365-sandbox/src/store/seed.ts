import type { Entity } from '../catalogue/model.js';
import { Prng } from './prng.js';
import type { Row, Store } from './store.js';
import { dateOnly, utcDateTime } from './values.js';

/** The legal entities the sandbox seeds, with their accounting currency. */
export const COMPANIES = { usmf: 'USD', usrt: 'USD', demf: 'EUR', gbsi: 'GBP' } as const;
export type Company = keyof typeof COMPANIES;

/** Seeded rows per company for each headline entity set. */
export interface SeedSize {
  CustomerGroups: number;
  CustomersV3: number;
  VendorGroups: number;
  VendorsV2: number;
  ReleasedProductsV2: number;
  SalesOrderHeadersV2: number;
  /** Total lines per company, spread over the orders. */
  SalesOrderLines: number;
  ContactPersons: number;
  Prospects: number;
}

export const DEFAULT_SEED_SIZE: SeedSize = {
  CustomerGroups: 6,
  CustomersV3: 500,
  VendorGroups: 5,
  VendorsV2: 200,
  ReleasedProductsV2: 300,
  SalesOrderHeadersV2: 1000,
  SalesOrderLines: 3000,
  ContactPersons: 200,
  Prospects: 100,
};

const CITIES = [
  'Seattle',
  'Chicago',
  'Dallas',
  'Boston',
  'Berlin',
  'Munich',
  'London',
  'Leeds',
  'Atlanta',
  'Denver',
];
const WORDS = [
  'Contoso',
  'Fabrikam',
  'Northwind',
  'Adatum',
  'Litware',
  'Tailspin',
  'Wingtip',
  'Proseware',
  'Alpine',
  'Coho',
];
const SUFFIX = ['Retail', 'Wholesale', 'Industries', 'Supply', 'Trading', 'Foods', 'Motors', 'Labs'];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Ewa', 'Finn', 'Gita', "Liam O'Neil", 'Mia', 'Noah'];
const GROUPS = ['10', '20', '30', '40', '50', '80', '90'];
const BASE = Date.UTC(2024, 0, 1);
const DAY = 86400000;

/**
 * Fills the store with deterministic rows for the headline entities in every company. With
 * `companies`, only those receive `size`; the others keep the default counts (or `size` when smaller),
 * so a 100,000-customer seed for one company does not cost four.
 */
export function seedStore(
  store: Store,
  seed: number,
  size: Partial<SeedSize> = {},
  companies?: readonly string[],
): void {
  const full = { ...DEFAULT_SEED_SIZE, ...size };
  const small = Object.fromEntries(
    Object.entries(full).map(([k, v]) => [k, Math.min(v, DEFAULT_SEED_SIZE[k as keyof SeedSize])]),
  ) as unknown as SeedSize;
  const chosen = companies?.map((c) => c.toLowerCase());
  for (const c of chosen ?? [])
    if (!(c in COMPANIES))
      throw new Error(
        `Unknown company '${c}' in seedCompanies (seeded: ${Object.keys(COMPANIES).join(', ')}).`,
      );
  const sizeOf = (company: string): SeedSize => (!chosen || chosen.includes(company) ? full : small);
  const seeded = Object.fromEntries(Object.keys(full).map((k) => [k, 0])) as unknown as SeedSize;
  const rnd = new Prng(seed);
  const ent = (set: string): Entity => store.model.bySet.get(set)!;
  const add = (set: string, values: Row): void => {
    const e = ent(set);
    const row: Row = {};
    // Only properties the real entity declares are set, so the catalogue stays the single truth;
    // the others are the blank row's defaults, which the store shares rather than copies.
    for (const k in values) if (e.propMap.has(k) && values[k] !== undefined) row[k] = values[k];
    store.insert(e, row);
  };
  const name = (): string => `${rnd.pick(WORDS)} ${rnd.pick(SUFFIX)}`;
  for (const [company, currency] of Object.entries(COMPANIES)) {
    const n = sizeOf(company);
    for (const k in seeded) seeded[k as keyof SeedSize] += n[k as keyof SeedSize];
    const c = company.toUpperCase();
    const groups = GROUPS.slice(0, Math.max(1, Math.min(n.CustomerGroups, GROUPS.length)));
    groups.forEach((g, i) => {
      add('CustomerGroups', {
        dataAreaId: company,
        CustomerGroupId: g,
        Description: `${SUFFIX[i % SUFFIX.length]} customers`,
        PaymentTermId: 'Net30',
      });
    });
    const vgroups = GROUPS.slice(0, Math.max(1, Math.min(n.VendorGroups, GROUPS.length)));
    vgroups.forEach((g, i) => {
      add('VendorGroups', {
        dataAreaId: company,
        VendorGroupId: g,
        Description: `${SUFFIX[i % SUFFIX.length]} vendors`,
      });
    });
    const items: string[] = [];
    for (let i = 1; i <= n.ReleasedProductsV2; i++) {
      const item = `${c.slice(0, 1)}${String(i).padStart(4, '0')}`;
      items.push(item);
      add('ReleasedProductsV2', {
        dataAreaId: company,
        ItemNumber: item,
        ProductNumber: item,
        SearchName: `Item ${item}`,
        ProductName: `${rnd.pick(WORDS)} part ${i}`,
        SalesPrice: Math.round(rnd.next() * 100000) / 100,
        SellStartDate: dateOnly(new Date(BASE - rnd.int(0, 900) * DAY)),
        ProductType: rnd.next() < 0.9 ? 'Item' : 'Service',
      });
    }
    const customers: string[] = [];
    for (let i = 1; i <= n.CustomersV3; i++) {
      const account = `${c}-${String(i).padStart(6, '0')}`;
      customers.push(account);
      const org = name();
      add('CustomersV3', {
        dataAreaId: company,
        CustomerAccount: account,
        OrganizationName: org,
        NameAlias: org.split(' ')[0],
        CustomerGroupId: rnd.pick(groups),
        SalesCurrencyCode: currency,
        PartyType: 'Organization',
        CreditLimit: rnd.int(0, 200) * 500,
        AddressCity: rnd.pick(CITIES),
        AddressCountryRegionId: currency === 'EUR' ? 'DEU' : currency === 'GBP' ? 'GBR' : 'USA',
        PrimaryContactEmail: `ap${i}@${org.split(' ')[0]!.toLowerCase()}.example`,
        OnHoldStatus: rnd.next() < 0.05 ? 'All' : 'No',
      });
    }
    for (let i = 1; i <= n.VendorsV2; i++) {
      add('VendorsV2', {
        dataAreaId: company,
        VendorAccountNumber: `V${c}-${String(i).padStart(5, '0')}`,
        VendorOrganizationName: name(),
        VendorGroupId: rnd.pick(vgroups),
        CurrencyCode: currency,
        CreditLimit: rnd.int(0, 100) * 1000,
        VendorHoldReleaseDate: i % 10 === 0 ? dateOnly(new Date(BASE + i * DAY)) : undefined,
      });
    }
    let lineNo = 0;
    const orders = n.SalesOrderHeadersV2;
    for (let i = 1; i <= orders; i++) {
      const so = `${c}-SO-${String(i).padStart(6, '0')}`;
      const created = BASE + rnd.int(0, 700) * DAY + rnd.int(0, DAY / 1000) * 1000;
      add('SalesOrderHeadersV2', {
        dataAreaId: company,
        SalesOrderNumber: so,
        OrderingCustomerAccountNumber: customers.length ? rnd.pick(customers) : '',
        InvoiceCustomerAccountNumber: '',
        CurrencyCode: currency,
        SalesOrderStatus: rnd.pick(['Backorder', 'Delivered', 'Invoiced', 'Backorder']),
        OrderCreationDateTime: utcDateTime(new Date(created)),
        RequestedShippingDate: dateOnly(new Date(created + rnd.int(1, 30) * DAY)),
        SalesOrderName: `Order ${i}`,
      });
      // Spread the line count over the orders: the last order takes the remainder.
      const lines =
        i === orders
          ? n.SalesOrderLines - lineNo
          : Math.round(((n.SalesOrderLines - lineNo) / (orders - i + 1)) * (0.5 + rnd.next()));
      for (let l = 1; l <= lines && lineNo < n.SalesOrderLines; l++) {
        lineNo++;
        const qty = rnd.int(1, 50);
        const price = Math.round(rnd.next() * 50000) / 100;
        add('SalesOrderLines', {
          dataAreaId: company,
          InventoryLotId: `${c}-LOT-${String(lineNo).padStart(8, '0')}`,
          SalesOrderNumber: so,
          LineNumber: l,
          ItemNumber: items.length ? rnd.pick(items) : '',
          LineDescription: `Line ${l} of ${so}`,
          OrderedSalesQuantity: qty,
          SalesPrice: price,
          LineAmount: Math.round(qty * price * 100) / 100,
          SalesOrderLineStatus: 'Backorder',
          RequestedReceiptDate: dateOnly(new Date(created + rnd.int(2, 40) * DAY)),
          CurrencyCode: currency,
        });
      }
    }
    for (let i = 1; i <= n.ContactPersons; i++) {
      add('ContactPersons', {
        dataAreaId: company,
        ContactPersonId: `${c}-CP-${String(i).padStart(5, '0')}`,
        ContactPersonName: `${rnd.pick(FIRST)} ${rnd.pick(WORDS)}`,
        Gender: rnd.pick(['Unknown', 'Male', 'Female', 'NonSpecific']),
        AssociatedPartyNumber: customers.length ? rnd.pick(customers) : '',
      });
    }
    for (let i = 1; i <= n.Prospects; i++) {
      add('Prospects', {
        dataAreaId: company,
        ProspectId: `${c}-PR-${String(i).padStart(5, '0')}`,
        Name: name(),
        PartyType: 'Organization',
        Status: rnd.pick(['Open', 'Qualified', 'Lost']),
        CustomerGroupId: rnd.pick(groups),
        SalesCurrencyCode: currency,
        EstimatedAnnualRevenue: rnd.int(10, 5000) * 1000,
        FirstContactDate: dateOnly(new Date(BASE + rnd.int(0, 600) * DAY)),
        CreatedDateTime: utcDateTime(new Date(BASE + i * 3600000)),
      });
    }
  }
  // Number sequences continue after the seeded rows.
  for (const set of [
    'CustomersV3',
    'VendorsV2',
    'SalesOrderHeadersV2',
    'SalesOrderLines',
    'ContactPersons',
    'Prospects',
  ] as const) {
    store.table(ent(set)).seq = seeded[set];
  }
}
