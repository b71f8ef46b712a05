import { describe, expect, it } from 'vitest';
import type { Draft } from './draft.js';
import { HISTORY_LIMIT, record, redo, startHistory, undo } from './draft-history.js';

const draft = (name: string): Draft => ({ name, description: '', body: {} as Draft['body'] });

describe('draft history', () => {
  it('undoes and redoes each change, and a new change drops what was undone', () => {
    const a = draft('a');
    const b = draft('b');
    const c = draft('c');
    let h = record(record(startHistory(a), b, false), c, false);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(b);
    const d = draft('d');
    h = record(h, d, false);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe(b);
  });

  it('folds typing in one field into the step it began, never into the opening draft', () => {
    const a = draft('a');
    let h = record(startHistory(a), draft('ab'), true);
    h = record(h, draft('abc'), true);
    expect(h.past).toEqual([a]);
    expect(h.present.name).toBe('abc');
    expect(undo(h).present).toBe(a);
  });

  it('adds no step for a change that changes nothing, and keeps the last steps only', () => {
    const a = draft('a');
    const h = startHistory(a);
    expect(record(h, a, false)).toBe(h);
    let long = h;
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) long = record(long, draft(String(i)), false);
    expect(long.past).toHaveLength(HISTORY_LIMIT);
    expect(long.past.at(-1)?.name).toBe(String(HISTORY_LIMIT + 48));
  });
});
