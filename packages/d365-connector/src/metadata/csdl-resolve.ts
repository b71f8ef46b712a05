import type {
  AnnotationValue,
  MetadataModel,
  NavigationPropertyModel,
  StructuredTypeModel,
} from './model.js';

/** An `<Annotation>` inside `<Annotations Target="...">`, applied once every type is known. */
export interface PendingAnnotation {
  target: string;
  term: string;
  value: AnnotationValue;
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

type Associations = Map<string, Map<string, AssociationEnd>>;

/** Post-pass: replaces aliases by namespaces everywhere, types V2 navigations, applies external annotations. */
export function resolveModel(
  model: MetadataModel,
  aliases: Map<string, string>,
  pending: PendingAnnotation[],
  v2: V2Navigation[],
  associations: Associations,
): void {
  const q = (name: string): string => {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return name;
    const ns = aliases.get(name.slice(0, dot));
    return ns === undefined ? name : `${ns}${name.slice(dot)}`;
  };
  for (const { nav, relationship, toRole } of v2) {
    const end = associations.get(q(relationship))?.get(toRole);
    if (!end) continue;
    nav.type = end.type;
    nav.nullable = end.multiplicity === '0..1';
    if (end.multiplicity === '*') nav.collection = true;
  }
  if (aliases.size > 0) {
    const types = [...Object.values(model.entityTypes), ...Object.values(model.complexTypes)];
    for (const t of types) {
      if (t.baseType) t.baseType = q(t.baseType);
      for (const p of t.properties) p.type = q(p.type);
      for (const n of t.navigationProperties) n.type = q(n.type);
    }
    for (const op of model.operations) {
      for (const p of op.parameters) p.type = q(p.type);
      if (op.returnType) op.returnType.type = q(op.returnType.type);
    }
    for (const set of Object.values(model.entitySets)) set.entityType = q(set.entityType);
  }
  if (pending.length === 0) return;
  const lookup = new Targets(model);
  for (const a of pending) applyExternal(model, a, q, lookup);
}

type Annotatable = { annotations?: Record<string, AnnotationValue> };

/** Members by name, built lazily per type: external annotations address thousands of them. */
class Targets {
  private readonly members = new Map<string, Map<string, Annotatable>>();
  private operations: Map<string, Annotatable> | undefined;
  constructor(private readonly model: MetadataModel) {}

  member(owner: string, list: (Annotatable & { name: string })[][], name: string): Annotatable | undefined {
    let byName = this.members.get(owner);
    if (!byName) {
      byName = new Map();
      for (const items of list)
        for (const item of items) if (!byName.has(item.name)) byName.set(item.name, item);
      this.members.set(owner, byName);
    }
    return byName.get(name);
  }

  operation(name: string): Annotatable | undefined {
    if (!this.operations) {
      this.operations = new Map();
      for (const op of this.model.operations)
        if (!this.operations.has(op.name)) this.operations.set(op.name, op);
    }
    return this.operations.get(name);
  }
}

function applyExternal(
  model: MetadataModel,
  a: PendingAnnotation,
  q: (n: string) => string,
  lookup: Targets,
): void {
  const [head = '', member, sub] = a.target.split('/');
  const paren = head.indexOf('(');
  const name = q(paren < 0 ? head : head.slice(0, paren));
  let target: Annotatable | undefined;
  const type: StructuredTypeModel | undefined = model.entityTypes[name] ?? model.complexTypes[name];
  if (type) {
    target =
      member === undefined ? type : lookup.member(name, [type.properties, type.navigationProperties], member);
  } else if (model.enumTypes[name]) {
    const e = model.enumTypes[name];
    target = member === undefined ? e : lookup.member(name, [e.members], member);
  } else if (name === model.entityContainer && member !== undefined && sub === undefined) {
    target = model.entitySets[member];
  } else if (member === undefined) {
    target = lookup.operation(name);
  }
  if (!target) return;
  target.annotations ??= {};
  target.annotations[a.term] = a.value;
}
