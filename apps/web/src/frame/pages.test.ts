import { describe, expect, it } from 'vitest';
import { pageAt } from './pages.js';

describe('pageAt', () => {
  it('names the rows shown and where the newer and older pages start', () => {
    expect(pageAt(0, 50, 132)).toEqual({ from: 0, label: '1–50 of 132', newer: undefined, older: 50 });
    expect(pageAt(50, 50, 132)).toEqual({ from: 50, label: '51–100 of 132', newer: 0, older: 100 });
    expect(pageAt(100, 50, 132)).toEqual({ from: 100, label: '101–132 of 132', newer: 50, older: undefined });
  });

  it('shows the last page for an offset past the end, and copes with an empty list', () => {
    expect(pageAt(500, 50, 132).from).toBe(100);
    expect(pageAt(100, 50, 100)).toMatchObject({ from: 50, label: '51–100 of 100', older: undefined });
    expect(pageAt(-3, 50, 10)).toMatchObject({ from: 0, newer: undefined, older: undefined });
    expect(pageAt(0, 50, 0)).toMatchObject({ from: 0, label: '0 of 0' });
  });
});
