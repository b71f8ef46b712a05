import type { NavigationPropertyModel, ParameterModel, PropertyModel } from './model.js';
import type { XmlAttributes } from './xml-scanner.js';

/** Reads the elements of CSDL that become model objects from their attributes alone. */

/** `Collection(X)` → [X, true]; `X` → [X, false]. */
export function splitCollection(type: string): [string, boolean] {
  return type.startsWith('Collection(') && type.endsWith(')') ? [type.slice(11, -1), true] : [type, false];
}

/** A schema or include's namespace and alias. */
export function nsAlias(namespace: string, alias: string | undefined): { namespace: string; alias?: string } {
  return alias ? { namespace, alias } : { namespace };
}

/** `<Property>`: the hottest element of a 30 MB document, read in one pass over its attributes. */
export function propertyFrom(a: XmlAttributes): PropertyModel {
  const p: PropertyModel = { name: '', type: 'Edm.String', nullable: true };
  for (let i = 0; i < a.count; i++) {
    const v = a.valueAt(i);
    switch (a.nameAt(i)) {
      case 'Name':
        p.name = v;
        break;
      case 'Type':
        if (v.startsWith('Collection(') && v.endsWith(')')) {
          p.type = v.slice(11, -1);
          p.collection = true;
        } else p.type = v;
        break;
      case 'Nullable':
        p.nullable = v !== 'false';
        break;
      case 'MaxLength':
        p.maxLength = v === 'max' ? 'max' : Number(v);
        break;
      case 'Precision':
        p.precision = Number(v);
        break;
      case 'Scale':
        p.scale = v === 'variable' || v === 'floating' ? v : Number(v);
        break;
      case 'SRID':
        p.srid = v;
        break;
      case 'DefaultValue':
        p.defaultValue = v;
        break;
    }
  }
  return p;
}

/** `<NavigationProperty>` (CSDL 4 form; 2.0/3.0 ones are typed later through their association). */
export function navigationFrom(a: XmlAttributes): NavigationPropertyModel {
  const [type, collection] = splitCollection(a.get('Type') ?? '');
  const n: NavigationPropertyModel = {
    name: a.get('Name') ?? '',
    type,
    nullable: !collection && a.get('Nullable') !== 'false',
  };
  if (collection) n.collection = true;
  const partner = a.get('Partner');
  if (partner) n.partner = partner;
  if (a.get('ContainsTarget') === 'true') n.containsTarget = true;
  return n;
}

/** `<Parameter>` or `<ReturnType>`: a type, collection flag and nullability. */
export function typedFrom(a: XmlAttributes): ParameterModel {
  const [type, collection] = splitCollection(a.get('Type') ?? '');
  const p: ParameterModel = { name: a.get('Name') ?? '', type, nullable: a.get('Nullable') !== 'false' };
  if (collection) p.collection = true;
  return p;
}
