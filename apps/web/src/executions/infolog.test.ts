import { describe, expect, it } from 'vitest';
import { readError } from './infolog.js';

describe('readError', () => {
  it('splits F&O’s write failure into its summary, each Infolog line and the request', () => {
    const message =
      "Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Warning: Field 'Customer group' must be filled in.; Warning: Field 'Currency' must be filled in.. (POST http://127.0.0.1:4130/data/CustomersV3 → 500)";
    expect(readError(message)).toEqual({
      summary: "Write failed for table row of type 'CustCustomerV3Entity'.",
      infolog: [
        "Warning: Field 'Customer group' must be filled in.",
        "Warning: Field 'Currency' must be filled in.",
      ],
      request: 'POST http://127.0.0.1:4130/data/CustomersV3 → 500',
    });
  });

  it('keeps a message without Infolog or request whole', () => {
    expect(readError('The execution was cancelled.')).toEqual({
      summary: 'The execution was cancelled.',
      infolog: [],
    });
  });
});
