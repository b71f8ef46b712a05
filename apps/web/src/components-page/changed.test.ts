import { describe, expect, it } from 'vitest';
import { changedAgo } from './changed.js';

const now = Date.parse('2026-11-29T12:00:00Z');
const before = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('changedAgo', () => {
  it('says how long ago, in the largest unit that fits, up to a week', () => {
    expect(changedAgo(before(3), now)).toBe('just now');
    expect(changedAgo(before(40), now)).toBe('40 seconds ago');
    expect(changedAgo(before(5 * 60), now)).toBe('5 minutes ago');
    expect(changedAgo(before(3 * 3600), now)).toBe('3 hours ago');
    expect(changedAgo(before(26 * 3600), now)).toBe('yesterday');
    expect(changedAgo(before(3 * 86400), now)).toBe('3 days ago');
  });

  it('gives the date past a week', () => {
    const at = before(30 * 86400);
    expect(changedAgo(at, now)).toBe(new Date(at).toLocaleDateString());
  });
});
