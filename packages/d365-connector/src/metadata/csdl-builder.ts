import { CsdlAnnotations } from './csdl-annotations.js';
import {
  enumTypeFrom,
  navigationFrom,
  nsAlias,
  operationFrom,
  propertyFrom,
  sharedValue,
  structuredTypeFrom,
  typedFrom,
} from './csdl-elements.js';
import { type Annotatable, type Frame, IGNORE, isValueKind, STRUCTURAL } from './csdl-frame.js';
import {
  type AssociationEnd,
  type ExternalAnnotations,
  externalBlock,
  resolveModel,
  type V2Navigation,
} from './csdl-resolve.js';
import { TypeNames } from './csdl-types.js';
import type {
  EntitySetModel,
  EnumMemberModel,
  EnumTypeModel,
  MetadataModel,
  NavigationPropertyModel,
  OperationModel,
  ParameterModel,
  PropertyModel,
  StructuredTypeModel,
} from './model.js';
import { put } from './own.js';
import type { XmlAttributes } from './xml-attributes.js';

type Attrs = XmlAttributes;

/**
 * The members of the element being read (a type's properties, an enum's members…), gathered in one
 * reused list and copied out, exactly sized, when the element ends. Pushed straight into the model,
 * each list would grow room for 17 entries (types average four): slack the collector copies again
 * and again while the parse runs, and the model then keeps.
 */
class Gathered<T> {
  private readonly items: T[] = [];
  count = 0;

  add(item: T): void {
    this.items[this.count++] = item;
  }

  /** The members gathered since the last `take` (in order), or `none` if there are none. */
  take(none: T[]): T[] {
    if (this.count === 0) return none;
    const list = this.items.slice(0, this.count);
    this.count = 0;
    return list;
  }
}

/** Receives SAX events (local names, raw attributes) and assembles a MetadataModel. */
export class CsdlBuilder {
  private readonly stack: Frame[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly annotations = new CsdlAnnotations(this.aliases);
  private readonly types = new TypeNames(this.aliases);
  private readonly external: ExternalAnnotations[] = [];
  private readonly v2Navigations: V2Navigation[] = [];
  private readonly associations = new Map<string, Map<string, AssociationEnd>>();
  private namespace = '';
  /** The innermost open element of each kind: where its children and annotations go. */
  private type: StructuredTypeModel | undefined;
  private enumType: EnumTypeModel | undefined;
  private operation: OperationModel | undefined;
  private set: EntitySetModel | undefined;
  private member: Annotatable | undefined;
  private association: Map<string, AssociationEnd> | undefined;
  private readonly properties = new Gathered<PropertyModel>();
  private readonly navigations = new Gathered<NavigationPropertyModel>();
  private readonly enumMembers = new Gathered<EnumMemberModel>();
  private readonly parameters = new Gathered<ParameterModel>();
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
    const colon = name.indexOf(':');
    const local = colon < 0 ? name : name.slice(colon + 1);
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (local !== 'Edmx') return `expected root element edmx:Edmx, found <${name}>`;
      this.model.version = attrs.get('Version') ?? '';
      this.stack.push(STRUCTURAL.Edmx!);
      return undefined;
    }
    const parent = this.stack[this.stack.length - 1]!;
    this.stack.push(parent === IGNORE ? IGNORE : this.frameFor(local, attrs, parent));
    return undefined;
  }

  close(): void {
    // The innermost type, set, operation… stay set after their element closes: only their own
    // children read them, and the next such element replaces them.
    const frame = this.stack.pop()!;
    const kind = frame.kind;
    if (isValueKind(kind)) this.annotations.close(frame, this.stack[this.stack.length - 1]);
    else if (kind === 'EntityType' || kind === 'ComplexType') {
      const t = this.type!;
      t.properties = this.properties.take(t.properties);
      t.navigationProperties = this.navigations.take(t.navigationProperties);
    } else if (kind === 'EnumType') {
      this.enumType!.members = this.enumMembers.take(this.enumType!.members);
    } else if (kind === 'Action' || kind === 'Function') {
      this.operation!.parameters = this.parameters.take(this.operation!.parameters);
    }
  }

  wantsText(): boolean {
    return this.stack[this.stack.length - 1]?.kind === 'value';
  }

  text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'value') this.annotations.text(top, text);
  }

  /** Resolves aliases and external annotations; call once after the last element. */
  finish(hash: string): MetadataModel {
    this.model.hash = hash;
    resolveModel(this.model, {
      aliases: this.aliases,
      types: this.types,
      external: this.external,
      renamedTerms: this.annotations.renamed(),
      v2Navigations: this.v2Navigations,
      associations: this.associations,
    });
    return this.model;
  }

  private frameFor(local: string, a: Attrs, parent: Frame): Frame {
    switch (parent.kind) {
      case 'Property':
      case 'NavigationProperty':
      case 'Member':
        return this.annotations.annotation(local, a, this.member, this.selfClosing);
      case 'EntityType':
      case 'ComplexType':
        return this.typeChild(local, a);
      case 'Schema':
        return this.schemaChild(local, a);
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
          // Names and values repeat across enum types (Graph's `unknownFutureValue`, `0`, `1`): shared.
          const member: EnumMemberModel = {
            name: sharedValue(a, 'Name') ?? '',
            value: sharedValue(a, 'Value') ?? String(this.enumMembers.count),
          };
          this.enumMembers.add(member);
          this.member = member;
          return STRUCTURAL.Member!;
        }
        return this.annotations.annotation(local, a, this.enumType, this.selfClosing);
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
          put(this.set!.navigationBindings, path, bindingTarget);
          return IGNORE;
        }
        return this.annotations.annotation(local, a, this.set, this.selfClosing);
      }
      case 'Association': {
        const role = a.get('Role');
        const endType = a.get('Type');
        if (local === 'End' && role && endType) {
          this.association!.set(role, { type: endType, multiplicity: a.get('Multiplicity') ?? '' });
        }
        return IGNORE;
      }
      case 'Annotations':
        return this.annotations.annotation(
          local,
          a,
          this.external[this.external.length - 1],
          this.selfClosing,
        );
      case 'Annotation':
      case 'Collection':
      case 'PropertyValue':
        return this.annotations.value(local);
      case 'Record':
        return this.annotations.recordMember(local, a);
      default:
        return this.documentChild(local, a, parent);
    }
  }

  /** Children of the root, of `<edmx:Reference>` and of `<edmx:DataServices>`. */
  private documentChild(local: string, a: Attrs, parent: Frame): Frame {
    if (parent.kind === 'Edmx') {
      if (local === 'Reference') {
        this.model.references.push({ uri: a.get('Uri') ?? '', includes: [] });
        return STRUCTURAL.Reference!;
      }
      return local === 'DataServices' ? STRUCTURAL.DataServices! : IGNORE;
    }
    if (parent.kind === 'Reference') {
      const ns = a.get('Namespace');
      const alias = a.get('Alias');
      if (local === 'Include' && ns) {
        this.model.references.at(-1)!.includes.push(nsAlias(ns, alias));
        this.types.declare(ns, alias);
      }
      return IGNORE;
    }
    if (parent.kind === 'DataServices' && local === 'Schema') {
      this.namespace = a.get('Namespace') ?? '';
      const schemaAlias = a.get('Alias');
      this.model.schemas.push(nsAlias(this.namespace, schemaAlias));
      this.types.declare(this.namespace, schemaAlias);
      return STRUCTURAL.Schema!;
    }
    return IGNORE;
  }

  private schemaChild(local: string, a: Attrs): Frame {
    // Not for <Annotations>, the most numerous child in many documents: it has no name.
    const name = local === 'Annotations' ? '' : `${this.namespace}.${a.peek('Name') ?? ''}`;
    name.charCodeAt(0); // flattened into a copy: the name keeps no view of the scanned text alive
    switch (local) {
      case 'EntityType':
      case 'ComplexType': {
        const t = structuredTypeFrom(a, name, this.namespace, this.types);
        this.types.keep(t, 'baseType');
        put(local === 'EntityType' ? this.model.entityTypes : this.model.complexTypes, name, t);
        this.type = t;
        return STRUCTURAL[local]!;
      }
      case 'EnumType':
        this.enumType = enumTypeFrom(a, name, this.namespace);
        put(this.model.enumTypes, name, this.enumType);
        return STRUCTURAL.EnumType!;
      case 'Action':
      case 'Function':
        this.operation = operationFrom(a, name, local);
        this.model.operations.push(this.operation);
        return STRUCTURAL[local]!;
      case 'EntityContainer':
        this.model.entityContainer = name;
        return STRUCTURAL.EntityContainer!;
      case 'Association':
        this.association = new Map();
        this.associations.set(name, this.association);
        return STRUCTURAL.Association!;
      case 'Annotations': {
        // Applied once every type is known; one block per element, resolved once for all its terms.
        // Its children find it last in the list (so the element needs no frame of its own).
        this.external.push(externalBlock(a));
        return STRUCTURAL.Annotations!;
      }
      default:
        return IGNORE;
    }
  }

  private typeChild(local: string, a: Attrs): Frame {
    const t = this.type!;
    if (local === 'Property') {
      const p = propertyFrom(a, !this.selfClosing, this.types);
      this.types.keep(p, 'type');
      this.properties.add(p);
      this.member = p;
      return STRUCTURAL.Property!;
    }
    if (local === 'NavigationProperty') {
      const n = navigationFrom(a, this.types);
      this.types.keep(n, 'type');
      const relationship = a.peek('Relationship');
      const toRole = a.peek('ToRole');
      if (relationship && toRole) this.v2Navigations.push({ nav: n, relationship, toRole });
      this.navigations.add(n);
      this.member = n;
      return STRUCTURAL.NavigationProperty!;
    }
    if (local === 'Key') return STRUCTURAL.Key!;
    return this.annotations.annotation(local, a, t, this.selfClosing);
  }

  private operationChild(local: string, a: Attrs): Frame {
    const op = this.operation!;
    if (local === 'Parameter') {
      const p = typedFrom(a, this.types);
      this.types.keep(p, 'type');
      this.parameters.add(p);
      return IGNORE;
    }
    if (local === 'ReturnType') {
      const { type, collection, nullable } = typedFrom(a, this.types);
      op.returnType = collection ? { type, collection, nullable } : { type, nullable };
      this.types.keep(op.returnType, 'type');
      return IGNORE;
    }
    return this.annotations.annotation(local, a, op, this.selfClosing);
  }

  private containerChild(local: string, a: Attrs): Frame {
    const setName = a.get('Name');
    if ((local === 'EntitySet' || local === 'Singleton') && setName) {
      const set: EntitySetModel = {
        name: setName,
        entityType: this.types.read(sharedValue(a, 'EntityType') ?? sharedValue(a, 'Type') ?? ''),
      };
      this.types.keep(set, 'entityType');
      if (local === 'Singleton') set.singleton = true;
      put(this.model.entitySets, setName, set);
      this.set = set;
      return STRUCTURAL.EntitySet!;
    }
    return IGNORE;
  }
}
