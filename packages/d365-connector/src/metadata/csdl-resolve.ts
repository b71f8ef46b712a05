import { qualifyName } from './csdl-annotations.js';
import { attributeIndex } from './csdl-elements.js';
import type { Annotatable } from './csdl-frame.js';
import type { TypeNames } from './csdl-types.js';
import type { Annotations, MetadataModel, NavigationPropertyModel } from './model.js';
import { own, put } from './own.js';
import type { XmlAttributes } from './xml-attributes.js';

/** An `<Annotations Target="...">` block, applied once every type is known. */
export interface ExternalAnnotations {
  /** The target path's first segment: a type, enum type, operation (with its signature) or the container. */
  head: string;
  /** Its second segment (a member or an entity set), if any. */
  member: string | undefined;
  /** Whether the path goes past its second segment (nothing the model keeps is annotated there). */
  deeper: boolean;
  annotations: Annotations | undefined;
}

/**
 * The block for an `<Annotations>` element's target path. Its head and member are the attributes'
 * shared strings, read from the value in place: consecutive blocks mostly annotate members of one
 * type, so finding the type later is a pointer compare with the previous block's head, and a member
 * is nearly always a property's name, the very string its model object holds, so finding it among
 * the type's members compares pointers too.
 */
export function externalBlock(a: XmlAttributes): ExternalAnnotations {
  const target = attributeIndex(a, 'Target');
  if (target < 0) return { head: '', member: undefined, deeper: false, annotations: undefined };
  const path = a.peek('Target')!;
  const slash = path.indexOf('/');
  const headLength = slash < 0 ? path.length : slash;
  const head = a.sharedValueAt(target, 0, path.length - headLength);
  if (slash < 0) return { head, member: undefined, deeper: false, annotations: undefined };
  const next = path.indexOf('/', slash + 1);
  const member = a.sharedValueAt(target, slash + 1, next < 0 ? 0 : path.length - next);
  return { head, member, deeper: next >= 0, annotations: undefined };
}

/** A CSDL 2.0/3.0 navigation property, typed through its association's end. */
export interface V2Navigation {
  nav: NavigationPropertyModel;
  relationship: string;
  toRole: string;
}

/** One end of a CSDL 2.0/3.0 association. */
export interface AssociationEnd {
  type: string;
  multiplicity: string;
}

/** What the builder gathered besides the model itself, for the post-pass. */
export interface Unresolved {
  aliases: Map<string, string>;
  /** Type references, qualified as they were read (but for those read before their alias). */
  types: TypeNames;
  external: ExternalAnnotations[];
  /** Terms read before their alias was declared, and what they qualify to (see `CsdlAnnotations.renamed`). */
  renamedTerms: Map<string, string>;
  v2Navigations: V2Navigation[];
  associations: Map<string, Map<string, AssociationEnd>>;
}

/**
 * Post-pass: qualifies the type references and annotation terms read before their alias was declared,
 * types V2 navigations, applies external annotations.
 */
export function resolveModel(model: MetadataModel, parts: Unresolved): void {
  const { aliases } = parts;
  const q = (name: string): string => qualifyName(name, aliases);
  for (const { nav, relationship, toRole } of parts.v2Navigations) {
    const end = parts.associations.get(q(relationship))?.get(toRole);
    if (!end) continue;
    nav.type = q(end.type);
    nav.nullable = end.multiplicity === '0..1';
    if (end.multiplicity === '*') nav.collection = true;
  }
  parts.types.finish();
  if (parts.renamedTerms.size > 0) renameTerms(model, parts.external, parts.renamedTerms);
  if (parts.external.length === 0) return;
  const targets = new Targets(model, q);
  for (const block of parts.external) {
    if (!block.annotations) continue;
    const target = targets.find(block);
    if (!target) continue;
    // Later blocks win over inline annotations and earlier blocks, term by term.
    const into = target.annotations;
    if (!into) target.annotations = block.annotations;
    else for (const [term, value] of Object.entries(block.annotations)) put(into, term, value);
  }
}

/**
 * Re-keys the annotations stored under terms read before their alias was declared (`renames`: raw
 * term → qualified), keeping each holder's order; `term#qualifier` keys too. Before external blocks
 * are applied, so that a block's terms and its target's agree.
 */
function renameTerms(
  model: MetadataModel,
  external: ExternalAnnotations[],
  renames: Map<string, string>,
): void {
  const rename = (holders: Iterable<Annotatable>) => {
    for (const h of holders) if (h.annotations) h.annotations = renamed(h.annotations, renames);
  };
  rename(model.operations);
  rename(Object.values(model.entitySets));
  rename(external);
  for (const t of [...Object.values(model.entityTypes), ...Object.values(model.complexTypes)]) {
    rename([t]);
    rename(t.properties);
    rename(t.navigationProperties);
  }
  for (const e of Object.values(model.enumTypes)) {
    rename([e]);
    rename(e.members);
  }
}

function renamed(annotations: Annotations, renames: Map<string, string>): Annotations {
  const out: Annotations = {};
  for (const [key, value] of Object.entries(annotations)) {
    const hash = key.indexOf('#');
    const term = renames.get(hash < 0 ? key : key.slice(0, hash));
    put(out, term === undefined ? key : term + (hash < 0 ? '' : key.slice(hash)), value);
  }
  return out;
}

type Named = Annotatable & { name: string };

/** What the part of a target path before its first "/" names. */
interface Owner {
  /** The element itself (type, enum type or operation). */
  self: Annotatable | undefined;
  /** Its members (properties and navigation properties, or enum members), if it has any. */
  members: [Named[], Named[]] | undefined;
  /** Whether it is the entity container (whose members are entity sets). */
  container: boolean;
  /** Where in `members[0]` the last member found was (see `memberNamed`). */
  cursor: number;
}

/** Finds what a target path (`Ns.Type/Member`, `Ns.Container/Set`, `Ns.Action(...)`) names. */
class Targets {
  private operations: Map<string, Annotatable> | undefined;
  private readonly owners = new Map<string, Owner>();
  /** Consecutive blocks mostly annotate members of the same type: its owner is reused. */
  private lastHead = '';
  private lastOwner: Owner | undefined;

  constructor(
    private readonly model: MetadataModel,
    private readonly q: (name: string) => string,
  ) {}

  find(block: ExternalAnnotations): Annotatable | undefined {
    const owner = this.owner(block.head);
    const member = block.member;
    if (member === undefined) return owner.self;
    // A path past a member (`Ns.Type/complexProperty/part`) annotates nothing the model keeps.
    if (block.deeper) return undefined;
    if (owner.members) return memberNamed(owner, owner.members, member);
    return owner.container ? own(this.model.entitySets, member) : undefined;
  }

  private owner(head: string): Owner {
    if (this.lastOwner && head === this.lastHead) return this.lastOwner;
    const paren = head.indexOf('(');
    const name = this.q(paren < 0 ? head : head.slice(0, paren));
    let owner = this.owners.get(name);
    if (!owner) {
      owner = this.ownerNamed(name);
      this.owners.set(name, owner);
    }
    this.lastHead = head;
    this.lastOwner = owner;
    return owner;
  }

  private ownerNamed(name: string): Owner {
    const model = this.model;
    const type = own(model.entityTypes, name) ?? own(model.complexTypes, name);
    const enumType = type ? undefined : own(model.enumTypes, name);
    if (type) {
      const members: [Named[], Named[]] = [type.properties, type.navigationProperties];
      return { self: type, members, container: false, cursor: 0 };
    }
    if (enumType) return { self: enumType, members: [enumType.members, []], container: false, cursor: 0 };
    const self = this.operation(name);
    return { self, members: undefined, container: name === model.entityContainer, cursor: 0 };
  }

  private operation(name: string): Annotatable | undefined {
    if (!this.operations) {
      this.operations = new Map();
      for (const op of this.model.operations)
        if (!this.operations.has(op.name)) this.operations.set(op.name, op);
    }
    return this.operations.get(name);
  }
}

/**
 * The member named `name`: a property or enum member before a navigation property. A scan, but one
 * that starts after the member found last: blocks annotate a type's members mostly in the order they
 * were declared, so the next one is nearly always found at once (scanning from the start cost a
 * Graph parse 0.4 ms, on types of a hundred properties). A map per annotated type would cost more to
 * build (and collect) than the lookups it saves.
 */
function memberNamed(owner: Owner, members: [Named[], Named[]], name: string): Annotatable | undefined {
  const first = members[0];
  const second = members[1];
  const n = first.length;
  for (let k = 0, i = owner.cursor; k < n; k++, i = i + 1 === n ? 0 : i + 1) {
    if (first[i]!.name === name) {
      owner.cursor = i + 1 === n ? 0 : i + 1;
      return first[i];
    }
  }
  for (const item of second) if (item.name === name) return item;
  return undefined;
}
