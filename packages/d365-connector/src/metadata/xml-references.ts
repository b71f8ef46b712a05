const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Reports a well-formedness error at an offset of the scanner's buffer. */
export type FailAt = (reason: string, offset: number) => never;

/**
 * Replaces the five predefined entities and character references in `text` (found at `offset` of the
 * buffer); any other entity is an error: nothing is ever declared, so nothing can be expanded.
 */
export function decodeReferences(text: string, offset: number, fail: FailAt): string {
  return text.replace(/&([^;&<\s]*);?/g, (match, ref: string, at: number) => {
    if (!match.endsWith(';')) fail('"&" must start an entity or character reference', offset + at + 1);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || /[^0-9a-fA-Fx#]/.test(ref)) {
        fail(`invalid character reference ${match}`, offset + at + 1);
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) fail(`undefined entity: ${match}`, offset + at + 1);
    return value;
  });
}
