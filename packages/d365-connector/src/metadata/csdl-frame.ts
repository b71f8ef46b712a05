import type { Annotations, AnnotationValue } from './model.js';

/** Anything that can carry annotations: a model object, or an `<Annotations Target>` block. */
export type Annotatable = { annotations?: Annotations };

/** One open element; only the fields its kind needs are set. */
export interface Frame {
  kind: string;
  /** Where a child `<Annotation>` lands (annotation frames); structural frames find it in the builder. */
  target?: Annotatable;
  /** For annotation-value frames: collected value, items, record members. */
  value?: AnnotationValue;
  items?: AnnotationValue[];
  record?: Record<string, AnnotationValue>;
  term?: string;
  text?: string;
}

/** An element (and subtree) the model does not need. */
export const IGNORE: Frame = Object.freeze({ kind: 'ignore' });

/**
 * Frames of structural elements carry nothing but their kind, so each kind has one shared frame: no
 * allocation for the hundreds of thousands of `<Property>`, `<Member>` and `<Key>` of a large document.
 */
export const STRUCTURAL: Readonly<Record<string, Frame>> = Object.freeze(
  Object.fromEntries(
    [
      'Edmx',
      'Reference',
      'DataServices',
      'Schema',
      'EntityType',
      'ComplexType',
      'EnumType',
      'Member',
      'Action',
      'Function',
      'EntityContainer',
      'EntitySet',
      'Association',
      'Key',
      'Property',
      'NavigationProperty',
    ].map((kind) => [kind, Object.freeze({ kind })]),
  ),
);

/**
 * Frames of an annotation and its value expressions: closing one hands its value on. Compared kind by
 * kind (interned strings, so pointer compares) rather than looked up in a Set: every close asks.
 */
export function isValueKind(kind: string): boolean {
  return (
    kind === 'Annotation' ||
    kind === 'value' ||
    kind === 'Collection' ||
    kind === 'Record' ||
    kind === 'PropertyValue'
  );
}
