import { describe, expect, it } from 'vitest';
import { documentSummary } from './document-summary.js';

describe('documentSummary', () => {
  it('names the first three filled values, in the order the record has them', () => {
    expect(
      documentSummary({
        '@odata.etag': 'W/"JzEsNTYzNzE0NDU3Nic="',
        dataAreaId: 'usmf',
        CustomerAccount: 'US-001',
        Address: { City: 'Oslo' },
        CustomerGroupId: '',
        OrganizationName: 'Contoso Retail San Diego',
        CreditLimit: 5000,
      }),
    ).toBe('dataAreaId usmf · CustomerAccount US-001 · OrganizationName Contoso Retail San Diego');
  });

  it('shortens long values and keeps numbers and booleans as written', () => {
    expect(documentSummary({ Notes: 'x'.repeat(100), Blocked: false, Qty: 0 })).toBe(
      `Notes ${'x'.repeat(39)}… · Blocked false · Qty 0`,
    );
  });

  it('says nothing of what is not a record', () => {
    for (const data of [undefined, null, 'text', 42, [1, 2], {}]) expect(documentSummary(data)).toBe('');
  });
});
