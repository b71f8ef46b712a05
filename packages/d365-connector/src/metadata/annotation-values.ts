import type { AnnotationValue } from './model.js';

/** Attributes of `<Annotation>`/`<PropertyValue>` that carry a constant or path value inline. */
const INLINE_VALUE_ATTRIBUTES = [
  'String',
  'Bool',
  'Int',
  'Float',
  'Decimal',
  'EnumMember',
  'Path',
  'PropertyPath',
  'NavigationPropertyPath',
  'AnnotationPath',
  'Date',
  'DateTimeOffset',
  'TimeOfDay',
  'Duration',
  'Guid',
  'Binary',
  'UrlRef',
] as const;

/** Element names that hold a constant or path as their text content. */
export const TEXT_VALUE_ELEMENTS = new Set<string>(INLINE_VALUE_ATTRIBUTES);

/** Converts a constant expression (attribute or element text) to its JSON-friendly value. */
export function constantValue(
  kind: string,
  text: string,
  resolveEnum: (v: string) => string,
): AnnotationValue {
  switch (kind) {
    case 'Bool':
      return text.trim() === 'true';
    case 'Int': {
      // Int64 beyond 2^53 stays exact as a string.
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text.trim();
    }
    case 'Float':
      return Number(text);
    case 'EnumMember':
      return resolveEnum(text);
    case 'Path':
      return { $Path: text };
    default:
      return text;
  }
}

/** `Core.Permission/Read Core.Permission/Write` → `Read,Write` (member names, as CSDL JSON has them). */
export function enumMemberNames(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((part) => part.slice(part.lastIndexOf('/') + 1))
    .join(',');
}
