import { describe, expect, it } from 'vitest';
import { dayRange } from './day-range.js';

describe('dayRange', () => {
  it('runs from the start of the first day to the end of the last, in local time', () => {
    expect(dayRange('2026-11-28', '2026-11-29')).toEqual({
      from: new Date(2026, 10, 28).toISOString(),
      to: new Date(2026, 10, 30).toISOString(),
    });
  });

  it('crosses the end of a month and of a year', () => {
    expect(dayRange('', '2026-12-31').to).toBe(new Date(2027, 0, 1).toISOString());
    expect(dayRange('', '2028-02-28').to).toBe(new Date(2028, 1, 29).toISOString());
  });

  it('leaves out what is not a day', () => {
    expect(dayRange('', '')).toEqual({ from: undefined, to: undefined });
    expect(dayRange('yesterday', '2026-13-45')).toEqual({ from: undefined, to: undefined });
    expect(dayRange('2026-02-30', '')).toEqual({ from: undefined, to: undefined });
  });
});
