import { constantValue, enumMemberNames, TEXT_VALUE_ELEMENTS } from './annotation-values.js';
import { type Annotatable, type Frame, IGNORE, newFrame } from './csdl-frame.js';
import type { AnnotationValue } from './model.js';
import { put } from './own.js';
import type { XmlAttributes } from './xml-attributes.js';
import { detached, internalized, StringPool } from './xml-names.js';

/** Reads `<Annotation>` elements and their value expressions (constants, Collection, Record, Null). */
export class CsdlAnnotations {
  /**
   * A document repeats a handful of terms hundreds of thousands of times: qualified once each, and
   * internalized, as every annotation is stored under its term.
   */
  private readonly terms = new Map<string, string>();
  /**
   * Raw terms whose prefix was no alias when they were qualified (most are: F&O and Graph name their
   * vocabularies in full, without a reference): an alias declared further down may still name it.
   */
  private readonly unaliased = new Set<string>();
  /** Record member names, internalized once: each record stores its members under them. */
  private readonly keys = new StringPool(6, 1 << 12, true);

  constructor(private readonly aliases: Map<string, string>) {}

  /**
   * The frame for a child of an annotatable element: `<Annotation>` on `target`, anything else ignored.
   * A self-closing annotation (the common case, `<Annotation Term=… String=…/>`) is attached at once.
   */
  annotation(local: string, a: XmlAttributes, target: Annotatable | undefined, selfClosing: boolean): Frame {
    if (local !== 'Annotation' || !target) return IGNORE;
    // One pass over the attributes: annotations are the most numerous elements of F&O's $metadata.
    let rawTerm = '';
    let qualifier: string | undefined;
    let value: AnnotationValue | undefined;
    for (let i = 0; i < a.count; i++) {
      const n = a.nameAt(i);
      if (n === 'Term') rawTerm = a.sharedValueAt(i);
      else if (n === 'Qualifier') qualifier = a.valueAt(i);
      else if (value === undefined && TEXT_VALUE_ELEMENTS.has(n))
        // Label ids repeat across entities (210,000 in F&O's document, 9,000 distinct): shared.
        value = constantValue(n, a.sharedValueAt(i), enumMemberNames);
    }
    const term = this.qualifiedTerm(rawTerm, qualifier);
    if (selfClosing) {
      target.annotations ??= {};
      put(target.annotations, term, value === undefined ? true : value);
      return IGNORE;
    }
    return newFrame('Annotation', target, term, value);
  }

  /** The frame for a child of `<Annotation>`, `<Collection>` or `<PropertyValue>`: a value expression. */
  value(local: string): Frame {
    if (local === 'Collection') {
      const frame = newFrame('Collection');
      frame.items = [];
      return frame;
    }
    if (local === 'Record') {
      const frame = newFrame('Record');
      frame.record = {};
      return frame;
    }
    if (local === 'Null') return newFrame('value', undefined, 'Null');
    if (TEXT_VALUE_ELEMENTS.has(local)) return newFrame('value', undefined, local);
    return IGNORE;
  }

  /** The frame for a child of `<Record>`: a `<PropertyValue>` with its inline value, if any. */
  recordMember(local: string, a: XmlAttributes): Frame {
    if (local !== 'PropertyValue') return IGNORE;
    let value: AnnotationValue | undefined;
    let property = '';
    for (let i = 0; i < a.count; i++) {
      const n = a.nameAt(i);
      if (n === 'Property') property = this.keys.share(a.valueAt(i));
      else if (value === undefined && TEXT_VALUE_ELEMENTS.has(n))
        value = constantValue(n, a.valueAt(i), enumMemberNames);
    }
    return newFrame('PropertyValue', undefined, property, value);
  }

  /**
   * The raw terms read before the alias that qualifies them was declared, and what they qualify to
   * now (none in nearly every document); the model's annotations are still keyed by them.
   */
  renamed(): Map<string, string> {
    const renames = new Map<string, string>();
    for (const raw of this.unaliased) {
      const term = qualifyName(raw, this.aliases);
      if (term !== raw) renames.set(raw, term);
    }
    return renames;
  }

  /** Text of a constant value element. */
  text(frame: Frame, text: string): void {
    frame.text = (frame.text ?? '') + text;
  }

  /** Closes an annotation or value frame, handing its value to `parent` (the frame below it). */
  close(frame: Frame, parent: Frame | undefined): void {
    if (frame.kind === 'Annotation') {
      frame.target!.annotations ??= {};
      put(frame.target!.annotations, frame.term!, frame.value === undefined ? true : frame.value);
      return;
    }
    let value: AnnotationValue;
    if (frame.kind === 'value') {
      const text = detached(frame.text ?? '');
      value = frame.term === 'Null' ? null : constantValue(frame.term!, text, enumMemberNames);
    } else if (frame.kind === 'Collection') value = frame.items!;
    else if (frame.kind === 'Record') value = frame.record!;
    else {
      // PropertyValue: hand its value to the enclosing Record.
      if (parent?.record) put(parent.record, frame.term!, frame.value ?? true);
      return;
    }
    if (!parent) return;
    if (parent.kind === 'Collection') parent.items!.push(value);
    else if (parent.kind === 'Annotation' || parent.kind === 'PropertyValue') parent.value = value;
  }

  private qualifiedTerm(raw: string, qualifier: string | undefined): string {
    let term = this.terms.get(raw);
    if (term === undefined) {
      const qualified = qualifyName(raw, this.aliases);
      if (qualified === raw) this.unaliased.add(raw);
      term = internalized(qualified);
      this.terms.set(raw, term);
    }
    return qualifier ? `${term}#${qualifier}` : term;
  }
}

/** Replaces a leading alias by its namespace (aliases declared so far). */
export function qualifyName(name: string, aliases: Map<string, string>): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return name;
  const ns = aliases.get(name.slice(0, dot));
  return ns === undefined ? name : `${ns}${name.slice(dot)}`;
}
