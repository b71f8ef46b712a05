import { type Entity, edmType, type Model, NS } from '../catalogue/model.js';
import type { EnumDef, PropertyDef } from '../catalogue/types.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const label = (lb: number): string =>
  `<Annotation Term="Microsoft.Dynamics.OData.Core.V1.LabelId" String="@SYS${lb}" />`;

function property(p: PropertyDef, isKey: boolean): string {
  let attrs = `Name="${p.n}" Type="${edmType(p)}"`;
  if (isKey || (p.t !== 'Enum' && p.t !== 'String' && p.t !== 'Binary') || (p.t === 'Enum' && !p.nu)) {
    attrs += ' Nullable="false"';
  }
  if (p.t === 'String' && p.l) attrs += ` MaxLength="${p.l}"`;
  // UNVERIFIED in FNO-ODATA.md §1: X++ reals map to Decimal(32,6) here.
  if (p.t === 'Decimal') attrs += ' Precision="32" Scale="6"';
  let inner = label(p.lb);
  if (p.r) inner += '<Annotation Term="Microsoft.Dynamics.OData.Core.V1.IsRequired" Bool="true" />';
  if (p.ro) inner += '<Annotation Term="Microsoft.Dynamics.OData.Core.V1.AllowEdit" Bool="false" />';
  return `<Property ${attrs}>${inner}</Property>`;
}

/** One `<EntityType>` element. */
export function entityTypeXml(e: Entity, name = e.type): string {
  const keys = e.keys.map((k) => `<PropertyRef Name="${k}" />`).join('');
  const keySet = new Set(e.keys);
  const props = e.props.map((p) => property(p, keySet.has(p.n))).join('\n');
  const navs = (e.navs ?? [])
    .map((n) => {
      const type = n.many ? `Collection(${NS}.${n.to})` : `${NS}.${n.to}`;
      const rc = n.c
        .map(([a, b]) => `<ReferentialConstraint Property="${a}" ReferencedProperty="${b}" />`)
        .join('');
      return `<NavigationProperty Name="${n.n}" Type="${type}"${n.many ? '' : ' Nullable="false"'}>${rc}</NavigationProperty>`;
    })
    .join('\n');
  return `<EntityType Name="${name}"><Key>${keys}</Key>\n${props}\n${navs}</EntityType>\n`;
}

function enumXml(e: EnumDef): string {
  const members = e.members
    .map((m, i) => `<Member Name="${esc(m)}" Value="${i}">${label(e.lb + i + 1)}</Member>`)
    .join('');
  return `<EnumType Name="${e.name}">${label(e.lb)}${members}</EnumType>\n`;
}

function actionsXml(model: Model): string {
  let out = '';
  for (const e of model.entities) {
    for (const a of e.actions ?? []) {
      const binding = a.collection ? `Collection(${NS}.${e.type})` : `${NS}.${e.type}`;
      const params = a.params.map((p) => `<Parameter Name="${p.n}" Type="${p.t}" />`).join('');
      out += `<Action Name="${a.n}" IsBound="true"><Parameter Name="_bindingParameter" Type="${binding}" />${params}<ReturnType Type="${a.returns}" /></Action>\n`;
    }
  }
  return out;
}

/**
 * Writes the CSDL document the way F&O does: one Schema in Microsoft.Dynamics.DataEntities, types and
 * enums first, then actions, then the `Resources` container. `extra` yields additional XML chunks
 * (generated types and sets) for the full-size document.
 */
export function buildCsdl(model: Model, extra?: { types: string[]; sets: string[] }): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    `<edmx:DataServices><Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">\n`,
  ];
  for (const e of model.entities) parts.push(entityTypeXml(e));
  if (extra) parts.push(...extra.types);
  for (const e of model.enums.values()) parts.push(enumXml(e));
  parts.push(actionsXml(model));
  parts.push('<EntityContainer Name="Resources">\n');
  for (const e of model.entities) {
    const bindings = (e.navs ?? [])
      .map((n) => {
        const target = model.byType.get(n.to)?.set;
        return target ? `<NavigationPropertyBinding Path="${n.n}" Target="${target}" />` : '';
      })
      .join('');
    parts.push(`<EntitySet Name="${e.set}" EntityType="${NS}.${e.type}">${bindings}</EntitySet>\n`);
  }
  if (extra) parts.push(...extra.sets);
  parts.push('</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>');
  return parts.join('');
}
