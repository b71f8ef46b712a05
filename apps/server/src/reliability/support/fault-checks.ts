import { expect } from 'vitest';
import type { EditResult } from './competing-editor.js';
import { EDITOR_MARK } from './competing-editor.js';
import { PROCESS_MARK } from './components.js';
import type { DocumentOutcome } from './outcomes.js';

/**
 * The copy's record against the sandbox, document by document: every source record has one
 * outcome; what it says was written is exactly what the target gained, each by one create.
 */
export function expectCopyAgrees(
  outcomes: DocumentOutcome[],
  source: string[],
  gained: Set<string>,
  created: number,
): void {
  expect(outcomes).toHaveLength(source.length);
  expect(outcomes.filter((o) => o.state === 'pending')).toEqual([]);
  expect(outcomes.map((o) => o.account).sort()).toEqual([...source].sort());
  for (const o of outcomes) if (o.state !== 'written') expect(o.error ?? o.code, o.documentId).toBeTruthy();
  const written = outcomes.filter((o) => o.state === 'written').map((o) => o.account!);
  expect(new Set(written).size).toBe(written.length);
  expect([...gained].sort()).toEqual([...written].sort());
  const notWritten = outcomes.filter((o) => o.state !== 'written' && gained.has(o.account!));
  expect(notWritten, 'documents recorded as not written that the sandbox holds').toEqual([]);
  // A second create of a key is refused and never counted: one create per written record.
  expect(created).toBe(written.length);
}

/**
 * The rename's record against the sandbox and the competing editor. Each applied update leaves its
 * mark once in OrganizationName, so the final names tell who wrote, on which version, and how often.
 */
export function expectRenameAgrees(
  outcomes: DocumentOutcome[],
  original: Map<string, string>,
  final: Map<string, string>,
  edits: Map<string, EditResult>,
  updated: number,
): void {
  expect(outcomes).toHaveLength(original.size);
  expect(outcomes.filter((o) => o.state === 'pending')).toEqual([]);
  expect(outcomes.map((o) => o.account).sort()).toEqual([...original.keys()].sort());

  let marks = 0;
  for (const [account, name] of final) {
    const o = original.get(account)!;
    expect(name.endsWith(o), account).toBe(true);
    const prefix = name.slice(0, name.length - o.length);
    expect(['', PROCESS_MARK, EDITOR_MARK, PROCESS_MARK + EDITOR_MARK, EDITOR_MARK + PROCESS_MARK]).toContain(
      prefix,
    );
    marks += prefix.length / EDITOR_MARK.length;
  }
  // No update applied twice, none uncounted.
  expect(updated).toBe(marks);

  for (const doc of outcomes) {
    const account = doc.account!;
    const name = final.get(account)!;
    const o = original.get(account)!;
    if (doc.state === 'written') {
      // Written on the version it read: the original, or the editor's when it read after the edit.
      expect(
        [PROCESS_MARK + o, PROCESS_MARK + EDITOR_MARK + o, EDITOR_MARK + PROCESS_MARK + o],
        account,
      ).toContain(name);
      // A successful edit is never silently overwritten.
      if (edits.get(account) === 'wrote') expect(name, account).toContain(EDITOR_MARK);
    } else if (doc.code === 'ConcurrencyError') {
      // The loser: the editor's version stands, the process's change was not applied.
      expect(name, account).toBe(EDITOR_MARK + o);
    } else if (doc.state === 'failed') {
      expect(name, account).not.toContain(PROCESS_MARK);
    }
  }
}
