import { describe, expect, it } from 'vitest';
import { took } from './duration.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 27) + ms).toISOString();

describe('took', () => {
  it('says how long a run took, in the unit that reads best', () => {
    expect(took({ startedAt: at(0), finishedAt: at(850) })).toBe('850 ms');
    expect(took({ startedAt: at(0), finishedAt: at(4_240) })).toBe('4.2 s');
    expect(took({ startedAt: at(0), finishedAt: at(185_000) })).toBe('3 min 5 s');
    expect(took({ startedAt: at(0), finishedAt: at(2 * 3600_000 + 7 * 60_000) })).toBe('2 h 7 min');
  });

  it('counts a running one up to now, and says nothing for one not started', () => {
    expect(took({ startedAt: at(0), finishedAt: null }, Date.parse(at(1_500)))).toBe('1.5 s');
    expect(took({ startedAt: null, finishedAt: null })).toBeUndefined();
  });
});
