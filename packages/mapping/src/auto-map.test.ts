import type { MapDefinition, Profile } from '@flowline/contracts';
import { describe, expect, it } from 'vitest';
import { applyProposals, proposeRules } from './auto-map.js';
import { compileMap } from './compile.js';
import { createMap } from './model.js';
import { nameSimilarity, nameTokens } from './similarity.js';
import { customerV3Profile, sampleCustomer } from './test-fixtures/customer-v3.js';
import { orderMap, salesOrderProfile, webOrderProfile } from './test-fixtures/orders.js';
import { validateMap } from './validate.js';

const str = (name: string) => ({ name, kind: 'string' as const, edmType: 'Edm.String', nullable: true });

describe('proposeRules', () => {
  it('auto-maps CustomerV3 of one legal entity onto another: every same-named writable field, validating clean', () => {
    const profile = customerV3Profile();
    const map = createMap('Customers usmf to dat', profile, profile);
    const proposals = proposeRules(map);
    const writable = profile.fields.filter((f) => !f.readOnly);
    expect(proposals).toHaveLength(writable.length);
    expect(proposals.every((p) => p.match === 'exact' && p.confidence === 1 && p.source === p.target)).toBe(
      true,
    );
    expect(proposals.map((p) => p.target)).not.toContain('RecId');

    // Another legal entity: the company comes from a constant instead of the source.
    const applied = applyProposals(map, proposals);
    applied.rules = applied.rules.map((r) =>
      r.target === 'dataAreaId'
        ? { id: r.id, kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'dat' } }
        : r,
    );
    const result = validateMap(applied);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);

    const { output, errors } = compileMap(applied)(sampleCustomer);
    expect(errors).toEqual([]);
    const { RecId: _r, CreatedDateTime: _c, ...copied } = sampleCustomer;
    expect(output).toEqual({
      ...copied,
      dataAreaId: 'dat',
      PrimaryContactEmailRecordId: '9223372036854775001',
    });
  });

  it('matches case-insensitively and by similar names with lower confidence', () => {
    const source: Profile = {
      entityType: 'S',
      key: [],
      fields: [str('customeraccount'), str('Org_Name'), str('CurrencyCode'), str('Zzz')],
    };
    const target: Profile = {
      entityType: 'T',
      key: [],
      fields: [str('CustomerAccount'), str('OrgName'), str('SalesCurrencyCode'), str('Unrelated')],
    };
    const proposals = proposeRules(createMap('m', source, target));
    expect(proposals.map((p) => [p.target, p.source, p.match, p.confidence])).toEqual([
      ['CustomerAccount', 'customeraccount', 'case-insensitive', 0.95],
      ['OrgName', 'Org_Name', 'similar', 0.9],
      ['SalesCurrencyCode', 'CurrencyCode', 'similar', 0.68],
    ]);
    expect(proposals.every((p) => p.confidence >= 0 && p.confidence <= 1)).toBe(true);
    expect(proposeRules(createMap('m', source, target), { minConfidence: 0.9 })).toHaveLength(2);
  });

  it('considers type compatibility: conversions score lower, impossible ones are not proposed', () => {
    const source: Profile = {
      entityType: 'S',
      key: [],
      fields: [
        { name: 'Amount', kind: 'string', edmType: 'Edm.String', nullable: true },
        { name: 'When', kind: 'complex', edmType: 'S.When', nullable: true, fields: [] },
      ],
    };
    const target: Profile = {
      entityType: 'T',
      key: [],
      fields: [
        { name: 'Amount', kind: 'decimal', edmType: 'Edm.Decimal', nullable: true },
        { name: 'When', kind: 'datetime', edmType: 'Edm.DateTimeOffset', nullable: true },
      ],
    };
    const proposals = proposeRules(createMap('m', source, target));
    expect(proposals.map((p) => [p.target, p.confidence, p.conversion])).toEqual([['Amount', 0.9, true]]);
  });

  it('never overwrites an existing rule, proposes into existing loops, and loops for same-named collections', () => {
    const existing = orderMap();
    const proposals = proposeRules({
      ...existing,
      target: {
        profile: {
          ...salesOrderProfile,
          fields: [...salesOrderProfile.fields, str('customer')],
        },
      },
    });
    expect(proposals.map((p) => p.target)).toEqual(['customer']);
    const loopTarget: Profile = {
      entityType: 'T',
      key: [],
      fields: [{ ...webOrderProfile.fields[5]!, name: 'lines' }],
    };
    const loopProposals = proposeRules(createMap('m', webOrderProfile, loopTarget));
    expect(loopProposals).toHaveLength(1);
    expect(loopProposals[0]!.rule).toMatchObject({ kind: 'loop', source: 'lines[]', target: 'lines[]' });
    const withLoop: MapDefinition = {
      ...createMap('m', webOrderProfile, loopTarget),
      rules: [
        {
          id: 'L',
          kind: 'loop',
          source: 'lines[]',
          target: 'lines[]',
          rules: [{ id: 'q', kind: 'field', target: 'qty', value: { type: 'constant', value: 1 } }],
        },
      ],
    };
    const inner = proposeRules(withLoop);
    expect(inner.map((p) => [p.target, p.within])).toEqual([
      ['lines[].sku', 'L'],
      ['lines[].price', 'L'],
      ['lines[].note', 'L'],
    ]);
    const applied = applyProposals(withLoop, inner);
    expect(applied.rules[0]!.kind === 'loop' && applied.rules[0]!.rules.map((r) => r.target)).toEqual([
      'qty',
      'sku',
      'price',
      'note',
    ]);
    expect(withLoop.rules[0]!.kind === 'loop' && withLoop.rules[0]!.rules).toHaveLength(1);
  });

  it('applies only proposals at or above a confidence, and skips targets mapped meanwhile', () => {
    const source: Profile = { entityType: 'S', key: [], fields: [str('A'), str('bb')] };
    const target: Profile = { entityType: 'T', key: [], fields: [str('A'), str('BB')] };
    const map = createMap('m', source, target);
    const proposals = proposeRules(map);
    expect(applyProposals(map, proposals, 1).rules.map((r) => r.target)).toEqual(['A']);
    const edited = {
      ...map,
      rules: [
        { id: 'mine', kind: 'field' as const, target: 'A', value: { type: 'constant' as const, value: 'x' } },
      ],
    };
    expect(applyProposals(edited, proposals).rules.map((r) => r.id)).toEqual(['mine', 'auto-BB']);
  });
});

describe('name similarity', () => {
  it('splits names into words and scores them in [0,1]', () => {
    expect(nameTokens('CustAccountNum2')).toEqual(['cust', 'account', 'num', '2']);
    expect(nameTokens('IBANCode')).toEqual(['iban', 'code']);
    expect(nameSimilarity('InvoiceAccount', 'InvoiceAccount')).toBe(1);
    expect(nameSimilarity('Name', 'RecId')).toBeLessThan(0.3);
  });
});
