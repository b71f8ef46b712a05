import type {
  MetadataModel,
  NavigationPropertyModel,
  PropertyModel,
  StructuredTypeModel,
} from '../metadata/model.js';
import { own } from '../metadata/own.js';
import { isMandatory, isReadOnly, labelOf, primitiveKind } from './field-hints.js';
import type { Profile, ProfileField } from './profile-types.js';

/** The entity type (or entity set) named does not exist in the model. */
export class UnknownEntityError extends Error {
  override readonly name = 'UnknownEntityError';
  constructor(readonly entity: string) {
    super(`No entity set or entity type named "${entity}" in $metadata`);
  }
}

/** Complex types nest; past this depth the fields are left out (recursive types exist). */
const MAX_COMPLEX_DEPTH = 4;

/**
 * Turns an entity type, or the type of an entity set, into a Profile: inherited fields flattened,
 * key parts numbered in key order, enum members, facets, hints, and navigation targets one level deep.
 */
export function toProfile(model: MetadataModel, entityTypeOrSet: string): Profile {
  const set = own(model.entitySets, entityTypeOrSet);
  const type = findEntityType(model, set ? set.entityType : entityTypeOrSet);
  if (!type) throw new UnknownEntityError(entityTypeOrSet);
  const { key, properties, navigations } = flatten(model, type);
  const fields: ProfileField[] = properties.map((p) => propertyField(model, p, key, 0));
  for (const nav of navigations) fields.push(navigationField(model, nav));
  const profile: Profile = { entityType: type.name, key, fields };
  if (set) profile.entitySet = set.name;
  const label = labelOf(set?.annotations) ?? labelOf(type.annotations);
  if (label !== undefined) profile.label = label;
  return profile;
}

function findEntityType(model: MetadataModel, name: string): StructuredTypeModel | undefined {
  const direct = own(model.entityTypes, name);
  if (direct) return direct;
  // Unqualified names are accepted when they are unambiguous.
  const matches = Object.values(model.entityTypes).filter((t) => t.name.endsWith(`.${name}`));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Base types first; the key is the one declared nearest the root. */
function flatten(model: MetadataModel, type: StructuredTypeModel) {
  const chain: StructuredTypeModel[] = [];
  const seen = new Set<string>();
  for (let t: StructuredTypeModel | undefined = type; t && !seen.has(t.name); ) {
    seen.add(t.name);
    chain.unshift(t);
    t = t.baseType ? (own(model.entityTypes, t.baseType) ?? own(model.complexTypes, t.baseType)) : undefined;
  }
  return {
    key: chain.find((t) => t.key)?.key ?? [],
    properties: chain.flatMap((t) => t.properties),
    navigations: chain.flatMap((t) => t.navigationProperties),
  };
}

function propertyField(model: MetadataModel, p: PropertyModel, key: string[], depth: number): ProfileField {
  const field: ProfileField = {
    name: p.name,
    kind: primitiveKind(p.type),
    edmType: p.type,
    nullable: p.nullable,
  };
  if (p.collection) field.collection = true;
  const keyIndex = key.indexOf(p.name);
  if (keyIndex >= 0) field.keyIndex = keyIndex;
  if (typeof p.maxLength === 'number') field.maxLength = p.maxLength;
  if (p.precision !== undefined) field.precision = p.precision;
  if (typeof p.scale === 'number') field.scale = p.scale;
  const label = labelOf(p.annotations);
  if (label !== undefined) field.label = label;
  if (isReadOnly(p.annotations)) field.readOnly = true;
  if (isMandatory(p.annotations)) field.mandatory = true;
  const enumType = own(model.enumTypes, p.type);
  if (enumType) {
    field.kind = 'enum';
    field.enumMembers = enumType.members.map((m) => {
      const memberLabel = labelOf(m.annotations);
      return memberLabel === undefined
        ? { name: m.name, value: m.value }
        : { name: m.name, value: m.value, label: memberLabel };
    });
  }
  const complex = own(model.complexTypes, p.type);
  if (complex) {
    field.kind = 'complex';
    if (depth < MAX_COMPLEX_DEPTH) {
      field.fields = flatten(model, complex).properties.map((c) => propertyField(model, c, [], depth + 1));
    }
  }
  return field;
}

function navigationField(model: MetadataModel, nav: NavigationPropertyModel): ProfileField {
  const field: ProfileField = {
    name: nav.name,
    kind: 'navigation',
    edmType: nav.type,
    nullable: nav.nullable,
    targetType: nav.type,
  };
  if (nav.collection) field.collection = true;
  const label = labelOf(nav.annotations);
  if (label !== undefined) field.label = label;
  const target = own(model.entityTypes, nav.type);
  if (target) {
    const { key, properties } = flatten(model, target);
    field.fields = properties.map((p) => propertyField(model, p, key, 1));
  }
  return field;
}
