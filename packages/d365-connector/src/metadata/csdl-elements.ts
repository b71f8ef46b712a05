import type { TypeNames } from './csdl-types.js';
import type {
  EnumTypeModel,
  NavigationPropertyModel,
  OperationModel,
  ParameterModel,
  PropertyModel,
  StructuredTypeModel,
} from './model.js';
import type { XmlAttributes } from './xml-attributes.js';

/** Reads the elements of CSDL that become model objects from their attributes alone. */

/** Whether the type declared by attribute `i` is `Collection(T)` (compared in place). */
function isCollectionAt(a: XmlAttributes, i: number): boolean {
  return a.valueWraps(i, 'Collection(', ')');
}

/** The type declared by attribute `i`, without `Collection(...)` (`collection`): shared, qualified. */
function elementTypeAt(a: XmlAttributes, i: number, collection: boolean, types: TypeNames): string {
  return types.read(collection ? a.sharedValueAt(i, 'Collection('.length, 1) : a.sharedValueAt(i));
}

/** The index of attribute `name`, or -1. */
export function attributeIndex(a: XmlAttributes, name: string): number {
  for (let i = 0; i < a.count; i++) if (a.nameAt(i) === name) return i;
  return -1;
}

/** A schema or include's namespace and alias. */
export function nsAlias(namespace: string, alias: string | undefined): { namespace: string; alias?: string } {
  return alias ? { namespace, alias } : { namespace };
}

/** A value that repeats across the document (a type name, `false`): shared, not sliced again. */
export function sharedValue(a: XmlAttributes, name: string): string | undefined {
  const i = attributeIndex(a, name);
  return i < 0 ? undefined : a.sharedValueAt(i);
}

/** Whether attribute `name` is present and equal to `text` (compared in place: no string made). */
function attributeIs(a: XmlAttributes, name: string, text: string): boolean {
  const i = attributeIndex(a, name);
  return i >= 0 && a.valueIs(i, text);
}

/**
 * `<Property>`: the hottest element of a 30 MB document, read in one pass over its attributes. The
 * object is made once with its usual facets (MaxLength, or Precision and Scale) already in place, and
 * room for annotations when the element is `open` (not self-closing): adding a property later costs a
 * second allocation for hundreds of thousands of properties.
 */
export function propertyFrom(a: XmlAttributes, open: boolean, types: TypeNames): PropertyModel {
  let name = '';
  let type = 'Edm.String';
  let nullable = true;
  let collection = false;
  let maxLength: PropertyModel['maxLength'];
  let precision: PropertyModel['precision'];
  let scale: PropertyModel['scale'];
  let srid: string | undefined;
  let defaultValue: string | undefined;
  for (let i = 0; i < a.count; i++) {
    // Everything repeats, names too (F&O's 206,000 properties have 5,500 names): shared, not kept
    // once per property; flags and numbers are read in place.
    switch (a.nameAt(i)) {
      case 'Name':
        name = a.sharedValueAt(i);
        break;
      case 'Type': {
        collection = isCollectionAt(a, i);
        type = elementTypeAt(a, i, collection, types);
        break;
      }
      case 'Nullable':
        nullable = !a.valueIs(i, 'false');
        break;
      case 'MaxLength':
        maxLength = a.valueIs(i, 'max') ? 'max' : a.numberAt(i);
        break;
      case 'Precision':
        precision = a.numberAt(i);
        break;
      case 'Scale':
        scale = a.valueIs(i, 'variable') ? 'variable' : a.valueIs(i, 'floating') ? 'floating' : a.numberAt(i);
        break;
      case 'SRID':
        srid = a.sharedValueAt(i);
        break;
      case 'DefaultValue':
        defaultValue = a.sharedValueAt(i);
        break;
    }
  }
  if (open && !collection && srid === undefined && defaultValue === undefined) {
    // An element with children almost always carries annotations: the slot is made with the object
    // (left undefined, which JSON omits) so attaching them later allocates no second backing store.
    // Facets come first, in the order the general case below adds them, so the JSON is the same.
    if (precision === undefined && scale === undefined) {
      return maxLength === undefined
        ? { name, type, nullable, annotations: undefined }
        : { name, type, nullable, maxLength, annotations: undefined };
    }
    if (maxLength === undefined && precision !== undefined && scale !== undefined)
      return { name, type, nullable, precision, scale, annotations: undefined };
  }
  const p: PropertyModel =
    maxLength === undefined ? { name, type, nullable } : { name, type, nullable, maxLength };
  if (collection) p.collection = true;
  if (precision !== undefined) p.precision = precision;
  if (scale !== undefined) p.scale = scale;
  if (srid !== undefined) p.srid = srid;
  if (defaultValue !== undefined) p.defaultValue = defaultValue;
  return p;
}

/** `<NavigationProperty>` (CSDL 4 form; 2.0/3.0 ones are typed later through their association). */
export function navigationFrom(a: XmlAttributes, types: TypeNames): NavigationPropertyModel {
  const t = attributeIndex(a, 'Type');
  const collection = t >= 0 && isCollectionAt(a, t);
  const type = t < 0 ? '' : elementTypeAt(a, t, collection, types);
  const n: NavigationPropertyModel = {
    name: sharedValue(a, 'Name') ?? '',
    type,
    nullable: !collection && !attributeIs(a, 'Nullable', 'false'),
  };
  if (collection) n.collection = true;
  const partner = a.get('Partner');
  if (partner) n.partner = partner;
  if (attributeIs(a, 'ContainsTarget', 'true')) n.containsTarget = true;
  return n;
}

/** `<Parameter>` or `<ReturnType>`: a type, collection flag and nullability. */
export function typedFrom(a: XmlAttributes, types: TypeNames): ParameterModel {
  const t = attributeIndex(a, 'Type');
  const collection = t >= 0 && isCollectionAt(a, t);
  const type = t < 0 ? '' : elementTypeAt(a, t, collection, types);
  const p: ParameterModel = {
    name: sharedValue(a, 'Name') ?? '',
    type,
    nullable: !attributeIs(a, 'Nullable', 'false'),
  };
  if (collection) p.collection = true;
  return p;
}

/** `<EntityType>` or `<ComplexType>` named `name` (qualified), without members yet. */
export function structuredTypeFrom(
  a: XmlAttributes,
  name: string,
  namespace: string,
  types: TypeNames,
): StructuredTypeModel {
  const t: StructuredTypeModel = { name, namespace, properties: [], navigationProperties: [] };
  const baseType = sharedValue(a, 'BaseType');
  if (baseType) t.baseType = types.read(baseType);
  if (attributeIs(a, 'Abstract', 'true')) t.abstract = true;
  if (attributeIs(a, 'OpenType', 'true')) t.openType = true;
  if (attributeIs(a, 'HasStream', 'true')) t.hasStream = true;
  return t;
}

/** `<EnumType>` named `name` (qualified), without members yet. */
export function enumTypeFrom(a: XmlAttributes, name: string, namespace: string): EnumTypeModel {
  const t: EnumTypeModel = {
    name,
    namespace,
    underlyingType: a.get('UnderlyingType') ?? 'Edm.Int32',
    members: [],
  };
  if (attributeIs(a, 'IsFlags', 'true')) t.isFlags = true;
  return t;
}

/** `<Action>` or `<Function>` named `name` (qualified), without parameters yet. */
export function operationFrom(a: XmlAttributes, name: string, kind: 'Action' | 'Function'): OperationModel {
  const op: OperationModel = { name, kind, isBound: attributeIs(a, 'IsBound', 'true'), parameters: [] };
  if (attributeIs(a, 'IsComposable', 'true')) op.isComposable = true;
  return op;
}
