import { describe, expect, it } from 'vitest';
import { describeProblem } from './client.js';

describe('describeProblem', () => {
  it('names the field at fault', () => {
    const text = describeProblem(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ path: '/body/name', message: 'is required' }],
    });
    expect(text).toBe('Bad Request: name is required');
  });

  it('uses the detail when there is no field', () => {
    expect(
      describeProblem(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Taken.' }),
    ).toBe('Taken.');
  });

  it('says when the server cannot be reached', () => {
    expect(describeProblem(0, undefined)).toBe('The Flowline server cannot be reached.');
  });
});
