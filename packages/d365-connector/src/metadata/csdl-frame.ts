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

/**
 * A frame with every field in place: all frames share one shape, so reading `kind` on each of the
 * document's elements stays a monomorphic load instead of a lookup across a dozen shapes.
 */
export function newFrame(kind: string, target?: Annotatable, term?: string, value?: AnnotationValue): Frame {
  return { kind, target, value, items: undefined, record: undefined, term, text: undefined };
}

/** An element (and subtree) the model does not need. */
export const IGNORE: Frame = newFrame('ignore');

/**
 * Frames of structural elements carry nothing but their kind, so each kind has one shared frame: no
 * allocation for the hundreds of thousands of `<Property>`, `<Member>` and `<Key>` of a large document.
 * (Not frozen: a frozen object has a shape of its own.)
 */
export const STRUCTURAL: Readonly<Record<string, Frame>> = Object.fromEntries(
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
    'Annotations',
  ].map((kind) => [kind, newFrame(kind)]),
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
