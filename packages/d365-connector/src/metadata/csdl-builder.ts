import { constantValue, enumMemberNames, inlineValue, TEXT_VALUE_ELEMENTS } from './annotation-values.js';
import { navigationFrom, nsAlias, propertyFrom, typedFrom } from './csdl-elements.js';
import {
  type AssociationEnd,
  type PendingAnnotation,
  resolveModel,
  type V2Navigation,
} from './csdl-resolve.js';
import type {
  Annotations,
  AnnotationValue,
  EntitySetModel,
  EnumTypeModel,
  MetadataModel,
  OperationModel,
  StructuredTypeModel,
} from './model.js';
import type { XmlAttributes } from './xml-scanner.js';

type Attrs = XmlAttributes;
type Annotatable = { annotations?: Annotations };

/** One open element; only the fields its kind needs are set. */
interface Frame {
  kind: string;
  target?: Annotatable;
  /** For annotation-value frames: collected value, items, record members. */
  value?: AnnotationValue;
  items?: AnnotationValue[];
  record?: Record<string, AnnotationValue>;
  term?: string;
  text?: string;
  /** External `<Annotations Target=...>`. */
  externalTarget?: string;
}

const IGNORE: Frame = { kind: 'ignore' };

/** Receives SAX events (local names, raw attributes) and assembles a MetadataModel. */
export class CsdlBuilder {
  private readonly stack: Frame[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly pending: PendingAnnotation[] = [];
  private readonly v2Navigations: V2Navigation[] = [];
  private readonly associations = new Map<string, Map<string, AssociationEnd>>();
  private namespace = '';
  private type: StructuredTypeModel | undefined;
  private enumType: EnumTypeModel | undefined;
  private operation: OperationModel | undefined;
  private set: EntitySetModel | undefined;
  private association: Map<string, AssociationEnd> | undefined;
  private sawRoot = false;
  /** Whether the element being opened is `<…/>`. */
  private selfClosing = false;
  readonly model: MetadataModel = {
    version: '',
    hash: '',
    schemas: [],
    references: [],
    entityTypes: {},
    complexTypes: {},
    enumTypes: {},
    entitySets: {},
    operations: [],
  };

  /** Returns an error message when the element is refused (wrong root), else undefined. */
  open(name: string, attrs: Attrs, selfClosing = false): string | undefined {
    this.selfClosing = selfClosing;
    const local = name.slice(name.indexOf(':') + 1);
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (local !== 'Edmx') return `expected root element edmx:Edmx, found <${name}>`;
      this.model.version = attrs.get('Version') ?? '';
      this.stack.push({ kind: 'Edmx' });
      return undefined;
    }
    const parent = this.stack[this.stack.length - 1]!;
    this.stack.push(this.frameFor(local, attrs, parent));
    return undefined;
  }

  close(): void {
    const frame = this.stack.pop()!;
    if (frame === IGNORE) return;
    switch (frame.kind) {
      case 'EntityType':
      case 'ComplexType':
        this.type = undefined;
        return;
      case 'EnumType':
        this.enumType = undefined;
        return;
      case 'Action':
      case 'Function':
        this.operation = undefined;
        return;
      case 'Association':
        this.association = undefined;
        return;
      case 'Annotation':
        this.finishAnnotation(frame);
        return;
      case 'value':
      case 'Collection':
      case 'Record':
      case 'PropertyValue':
        this.finishValue(frame);
    }
  }

  wantsText(): boolean {
    return this.stack[this.stack.length - 1]?.kind === 'value';
  }

  text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'value') top.text = (top.text ?? '') + text;
  }

  /** Resolves aliases and external annotations; call once after the last element. */
  finish(hash: string): MetadataModel {
    this.model.hash = hash;
    resolveModel(this.model, this.aliases, this.pending, this.v2Navigations, this.associations);
    return this.model;
  }

  private frameFor(local: string, a: Attrs, parent: Frame): Frame {
    switch (parent.kind) {
      case 'Edmx':
        if (local === 'Reference') {
          this.model.references.push({ uri: a.get('Uri') ?? '', includes: [] });
          return { kind: 'Reference' };
        }
        return local === 'DataServices' ? { kind: 'DataServices' } : IGNORE;
      case 'Reference': {
        const ns = a.get('Namespace');
        const alias = a.get('Alias');
        if (local === 'Include' && ns) {
          this.model.references.at(-1)!.includes.push(nsAlias(ns, alias));
          if (alias) this.aliases.set(alias, ns);
        }
        return IGNORE;
      }
      case 'DataServices': {
        if (local !== 'Schema') return IGNORE;
        this.namespace = a.get('Namespace') ?? '';
        const schemaAlias = a.get('Alias');
        this.model.schemas.push(nsAlias(this.namespace, schemaAlias));
        if (schemaAlias) this.aliases.set(schemaAlias, this.namespace);
        return { kind: 'Schema' };
      }
      case 'Schema':
        return this.schemaChild(local, a);
      case 'EntityType':
      case 'ComplexType':
        return this.typeChild(local, a);
      case 'Key': {
        const ref = a.get('Name');
        if (local === 'PropertyRef' && ref) {
          this.type!.key ??= [];
          this.type!.key.push(ref);
        }
        return IGNORE;
      }
      case 'EnumType':
        if (local === 'Member') {
          const e = this.enumType!;
          const member: EnumTypeModel['members'][number] = {
            name: a.get('Name') ?? '',
            value: a.get('Value') ?? String(e.members.length),
          };
          e.members.push(member);
          return { kind: 'Member', target: member };
        }
        return this.annotationFrame(local, a, this.enumType);
      case 'Action':
      case 'Function':
        return this.operationChild(local, a);
      case 'EntityContainer':
        return this.containerChild(local, a);
      case 'EntitySet': {
        const path = a.get('Path');
        const bindingTarget = a.get('Target');
        if (local === 'NavigationPropertyBinding' && path && bindingTarget) {
          this.set!.navigationBindings ??= {};
          this.set!.navigationBindings[path] = bindingTarget;
          return IGNORE;
        }
        return this.annotationFrame(local, a, this.set);
      }
      case 'Association': {
        const role = a.get('Role');
        const endType = a.get('Type');
        if (local === 'End' && role && endType) {
          this.association!.set(role, {
            type: endType,
            multiplicity: a.get('Multiplicity') ?? '',
          });
        }
        return IGNORE;
      }
      case 'Annotations':
        if (local !== 'Annotation') return IGNORE;
        return {
          kind: 'Annotation',
          term: this.term(a),
          value: inlineValue(a, this.enumValue),
          externalTarget: parent.externalTarget,
        };
      case 'Annotation':
      case 'Collection':
      case 'PropertyValue':
        return this.valueFrame(local);
      case 'Record':
        if (local === 'PropertyValue')
          return {
            kind: 'PropertyValue',
            term: a.get('Property') ?? '',
            value: inlineValue(a, this.enumValue),
          };
        return IGNORE;
      default:
        return this.annotationFrame(local, a, parent.target);
    }
  }

  private schemaChild(local: string, a: Attrs): Frame {
    const name = `${this.namespace}.${a.get('Name') ?? ''}`;
    switch (local) {
      case 'EntityType':
      case 'ComplexType': {
        const t: StructuredTypeModel = {
          name,
          namespace: this.namespace,
          properties: [],
          navigationProperties: [],
        };
        if (a.get('BaseType')) t.baseType = a.get('BaseType');
        if (a.get('Abstract') === 'true') t.abstract = true;
        if (a.get('OpenType') === 'true') t.openType = true;
        if (a.get('HasStream') === 'true') t.hasStream = true;
        (local === 'EntityType' ? this.model.entityTypes : this.model.complexTypes)[name] = t;
        this.type = t;
        return { kind: local, target: t };
      }
      case 'EnumType': {
        const t: EnumTypeModel = {
          name,
          namespace: this.namespace,
          underlyingType: a.get('UnderlyingType') ?? 'Edm.Int32',
          members: [],
        };
        if (a.get('IsFlags') === 'true') t.isFlags = true;
        this.model.enumTypes[name] = t;
        this.enumType = t;
        return { kind: 'EnumType', target: t };
      }
      case 'Action':
      case 'Function': {
        const op: OperationModel = {
          name,
          kind: local,
          isBound: a.get('IsBound') === 'true',
          parameters: [],
        };
        if (a.get('IsComposable') === 'true') op.isComposable = true;
        this.model.operations.push(op);
        this.operation = op;
        return { kind: local, target: op };
      }
      case 'EntityContainer':
        this.model.entityContainer = name;
        return { kind: 'EntityContainer' };
      case 'Association':
        this.association = new Map();
        this.associations.set(name, this.association);
        return { kind: 'Association' };
      case 'Annotations':
        return { kind: 'Annotations', externalTarget: a.get('Target') ?? '' };
      default:
        return IGNORE;
    }
  }

  private typeChild(local: string, a: Attrs): Frame {
    const t = this.type!;
    if (local === 'Property') {
      const p = propertyFrom(a);
      t.properties.push(p);
      return { kind: 'Property', target: p };
    }
    if (local === 'NavigationProperty') {
      const n = navigationFrom(a);
      const relationship = a.get('Relationship');
      const toRole = a.get('ToRole');
      if (relationship && toRole) this.v2Navigations.push({ nav: n, relationship, toRole });
      t.navigationProperties.push(n);
      return { kind: 'NavigationProperty', target: n };
    }
    if (local === 'Key') return { kind: 'Key' };
    return this.annotationFrame(local, a, t);
  }

  private operationChild(local: string, a: Attrs): Frame {
    const op = this.operation!;
    if (local === 'Parameter') {
      op.parameters.push(typedFrom(a));
      return IGNORE;
    }
    if (local === 'ReturnType') {
      const { type, collection, nullable } = typedFrom(a);
      op.returnType = collection ? { type, collection, nullable } : { type, nullable };
      return IGNORE;
    }
    return this.annotationFrame(local, a, op);
  }

  private containerChild(local: string, a: Attrs): Frame {
    const setName = a.get('Name');
    if ((local === 'EntitySet' || local === 'Singleton') && setName) {
      const set: EntitySetModel = {
        name: setName,
        entityType: a.get('EntityType') ?? a.get('Type') ?? '',
      };
      if (local === 'Singleton') set.singleton = true;
      this.model.entitySets[setName] = set;
      this.set = set;
      return { kind: 'EntitySet', target: set };
    }
    return IGNORE;
  }

  private annotationFrame(local: string, a: Attrs, target: Annotatable | undefined): Frame {
    if (local !== 'Annotation' || !target) return IGNORE;
    // One pass over the attributes: annotations are the most numerous elements of F&O's $metadata.
    let rawTerm = '';
    let qualifier: string | undefined;
    let value: AnnotationValue | undefined;
    for (let i = 0; i < a.count; i++) {
      const n = a.nameAt(i);
      if (n === 'Term') rawTerm = a.valueAt(i);
      else if (n === 'Qualifier') qualifier = a.valueAt(i);
      else if (value === undefined && TEXT_VALUE_ELEMENTS.has(n))
        value = constantValue(n, a.valueAt(i), this.enumValue);
    }
    const term = this.qualifiedTerm(rawTerm, qualifier);
    if (this.selfClosing) {
      // The common case (`<Annotation Term=… String=…/>`): attach now, no frame to allocate.
      target.annotations ??= {};
      target.annotations[term] = value === undefined ? true : value;
      return IGNORE;
    }
    return { kind: 'Annotation', target, term, value };
  }

  private valueFrame(local: string): Frame {
    if (local === 'Collection') return { kind: 'Collection', items: [] };
    if (local === 'Record') return { kind: 'Record', record: {} };
    if (local === 'Null') return { kind: 'value', term: 'Null' };
    if (TEXT_VALUE_ELEMENTS.has(local)) return { kind: 'value', term: local };
    return IGNORE;
  }

  private finishValue(frame: Frame): void {
    let value: AnnotationValue;
    if (frame.kind === 'value') {
      value = frame.term === 'Null' ? null : constantValue(frame.term!, frame.text ?? '', this.enumValue);
    } else if (frame.kind === 'Collection') value = frame.items!;
    else if (frame.kind === 'Record') value = frame.record!;
    else {
      // PropertyValue: hand its value to the enclosing Record.
      const record = this.stack[this.stack.length - 1]?.record;
      if (record) record[frame.term!] = frame.value ?? true;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    if (parent.kind === 'Collection') parent.items!.push(value);
    else if (parent.kind === 'Annotation' || parent.kind === 'PropertyValue') parent.value = value;
  }

  private finishAnnotation(frame: Frame): void {
    const value = frame.value === undefined ? true : frame.value;
    if (frame.externalTarget !== undefined) {
      this.pending.push({ target: frame.externalTarget, term: frame.term!, value });
    } else if (frame.target) {
      frame.target.annotations ??= {};
      frame.target.annotations[frame.term!] = value;
    }
  }

  private readonly terms = new Map<string, string>();

  private term(a: Attrs): string {
    return this.qualifiedTerm(a.get('Term') ?? '', a.get('Qualifier'));
  }

  private qualifiedTerm(raw: string, qualifier: string | undefined): string {
    // A document repeats a handful of terms hundreds of thousands of times.
    let term = this.terms.get(raw);
    if (term === undefined) {
      term = this.qualify(raw);
      this.terms.set(raw, term);
    }
    return qualifier ? `${term}#${qualifier}` : term;
  }

  private readonly enumValue = (text: string): string => enumMemberNames(text);

  /** Replaces a leading alias by its namespace (aliases declared so far). */
  qualify(name: string): string {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return name;
    const ns = this.aliases.get(name.slice(0, dot));
    return ns === undefined ? name : `${ns}${name.slice(dot)}`;
  }
}
