import type { FieldKind } from '@flowline/contracts';

const glyph: Record<FieldKind, string> = {
  string: 'Aa',
  integer: '12',
  int64: '64',
  decimal: '1.0',
  number: '#',
  boolean: '✓',
  // Letters, not emoji: a machine without an emoji font draws those as empty boxes.
  datetime: 'DT',
  date: 'D',
  time: 'T',
  guid: 'id',
  binary: '01',
  enum: '☰',
  complex: '{}',
  navigation: '→',
  other: '?',
};

/** A small glyph for a field's kind; the kind is its accessible name. */
export function KindIcon({ kind }: { kind: FieldKind }) {
  return (
    <span className={`kind kind-${kind}`} role="img" aria-label={kind} title={kind}>
      {glyph[kind]}
    </span>
  );
}
