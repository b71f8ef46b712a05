import { describe, expect, it } from 'vitest';
import { diffJson } from './json-diff.js';

describe('diffJson', () => {
  it('names each changed path', () => {
    expect(diffJson({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 4 }, e: true })).toEqual([
      { path: 'b.c', before: 2, after: 4 },
      { path: 'b.d', before: 3, after: undefined },
      { path: 'e', before: undefined, after: true },
    ]);
  });

  it('answers nothing for equal values', () => {
    expect(diffJson({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});
