import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredDraft } from './draft-store.js';

/** The browser's `localStorage`, as far as the store uses it (Node has none). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  keys() {
    return [...this.items.keys()].sort();
  }
}

const DAY = 864e5;
const stored = (daysAgo: number): string =>
  JSON.stringify({
    base: 1,
    tab: 'another tab',
    at: new Date(Date.now() - daysAgo * DAY).toISOString(),
    draft: { name: 'x', description: '', folderId: null, body: { shapes: [] } },
  } satisfies Omit<StoredDraft, 'draft'> & { draft: unknown });

let storage: MemoryStorage;
/** A fresh module each time: the sweep runs once a page. */
const load = async () => {
  vi.resetModules();
  return (await import('./draft-store.js')).draftStore;
};

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  storage.setItem('flowline.draft.ann.c1', stored(1));
  storage.setItem('flowline.draft.bob.c1', stored(2));
  storage.setItem('flowline.draft.ann.c2', stored(40));
  storage.setItem('flowline.draft.bob.c3', '{not json');
  storage.setItem('flowline.theme', 'dark');
});

describe('the drafts this browser keeps', () => {
  it('are swept once a page when too old or unreadable, whoever kept them and whichever component', async () => {
    const store = await load();
    expect(store.read('ann', 'c1')?.base).toBe(1);
    expect(storage.keys()).toEqual(['flowline.draft.ann.c1', 'flowline.draft.bob.c1', 'flowline.theme']);
    // Not again on this page: a draft that turns stale meanwhile waits for the next one.
    storage.setItem('flowline.draft.ann.c4', stored(31));
    store.read('ann', 'c1');
    expect(storage.getItem('flowline.draft.ann.c4')).not.toBeNull();
  });

  it("left by a closed page and restored on this one become this page's, to forget once saved", async () => {
    const store = await load();
    store.forgetOwn('ann', 'c1');
    expect(storage.getItem('flowline.draft.ann.c1')).not.toBeNull();
    store.adopt('ann', 'c1');
    expect(store.read('ann', 'c1')?.draft.name).toBe('x');
    store.forgetOwn('ann', 'c1');
    expect(storage.getItem('flowline.draft.ann.c1')).toBeNull();
    // Another person's draft of the same component is theirs still.
    expect(storage.getItem('flowline.draft.bob.c1')).not.toBeNull();
  });

  it("of a deleted component are all forgotten, everyone's, and no other", async () => {
    const store = await load();
    store.forgetComponent('c1');
    expect(storage.keys()).toEqual(['flowline.draft.ann.c2', 'flowline.draft.bob.c3', 'flowline.theme']);
  });
});
