import { describe, expect, it } from 'vitest';
import { addWould, wouldText } from './would.js';

describe("a preview's sums", () => {
  it('says what the writes would do, then why the others would be refused, the most common first', () => {
    expect(
      wouldText({
        update: 12,
        create: 37,
        unchanged: 3,
        'refused:changed': 1,
        'refused:exists': 2,
        'refused:no-key': 1,
        'refused:other': 1,
      }),
    ).toBe(
      '37 create, 12 update, 3 change nothing, 5 refused (2 exists, 1 changed, 1 without a key, 1 for another reason)',
    );
    expect(wouldText({ delete: 4, 'refused:not-found': 1 })).toBe('4 delete, 1 refused (1 not found)');
    expect(wouldText({})).toBe('nothing');
  });

  it('adds up the write shapes of a preview; shapes that write nothing have no sums', () => {
    expect(addWould([{ create: 2 }, undefined, { create: 1, 'refused:exists': 1 }])).toEqual({
      create: 3,
      'refused:exists': 1,
    });
    expect(addWould([undefined, undefined])).toBeUndefined();
  });
});
