import { describe, expect, it } from 'vitest';
import { auditDetail } from './audit-detail.js';

describe('auditDetail', () => {
  it('reads an entry as one line of its parts', () => {
    expect(auditDetail({ email: 'a@b.test', fields: ['role', 'disabled'] })).toBe(
      'email: a@b.test · fields: role, disabled',
    );
    expect(auditDetail({ counts: { created: 2 }, ok: true, n: 3 })).toBe(
      'counts: {"created":2} · ok: true · n: 3',
    );
  });

  it('shows nothing for no detail, and a plain value as it is', () => {
    expect(auditDetail(null)).toBe('');
    expect(auditDetail(undefined)).toBe('');
    expect(auditDetail('restored')).toBe('restored');
  });
});
