import { type Static, Type } from 'typebox';
import { Id, Name } from './folders.js';
import { componentTypes } from './names.js';
import { OperationAction } from './operation.js';

export const ComponentType = Type.Enum(componentTypes, { description: componentTypes.join(' | ') });
export type ComponentType = Static<typeof ComponentType>;

/** A component's JSON body; each type's own schema narrows it (see the component store). */
export const ComponentBody = Type.Object(
  { schemaVersion: Type.Integer({ minimum: 1 }) },
  { additionalProperties: true },
);
export type ComponentBody = Static<typeof ComponentBody>;

export const ComponentSummary = Type.Object({
  id: Id,
  type: ComponentType,
  name: Type.String(),
  description: Type.String(),
  folderId: Type.Union([Id, Type.Null()]),
  version: Type.Integer({ description: 'The current revision; the ETag names it' }),
  updatedAt: Type.String({ format: 'date-time' }),
  /** An operation's action in its current revision (absent until one is chosen): what pickers offer it for. */
  action: Type.Optional(OperationAction),
  /**
   * A process whose start takes the documents its caller passes, in its current revision: a run must
   * send them (`documents`).
   */
  takesDocuments: Type.Optional(Type.Literal(true)),
});
export type ComponentSummary = Static<typeof ComponentSummary>;

export const Component = Type.Object({
  id: Id,
  type: ComponentType,
  name: Type.String(),
  description: Type.String(),
  folderId: Type.Union([Id, Type.Null()]),
  version: Type.Integer(),
  body: ComponentBody,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Component = Static<typeof Component>;

export const CreateComponent = Type.Object(
  {
    type: ComponentType,
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    folderId: Type.Optional(Type.Union([Id, Type.Null()])),
    body: Type.Optional(ComponentBody),
  },
  { additionalProperties: false },
);
export type CreateComponent = Static<typeof CreateComponent>;

/** A copy of a component: by default named "<name> (copy)", in the same folder. */
export const CopyComponent = Type.Object(
  {
    name: Type.Optional(Name),
    folderId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CopyComponent = Static<typeof CopyComponent>;

export const ListComponentsQuery = Type.Object(
  {
    type: Type.Optional(ComponentType),
    folderId: Type.Optional(Id),
    search: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(
      Type.Union([Type.Literal('name'), Type.Literal('changed')], {
        description: 'name (A to Z, the default) or changed (last changed first)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListComponentsQuery = Static<typeof ListComponentsQuery>;

export const ComponentList = Type.Object({
  items: Type.Array(ComponentSummary),
  total: Type.Integer(),
});
export type ComponentList = Static<typeof ComponentList>;

/**
 * What uses a component: `items` name it in their current revision; `indirect` use one of those (a
 * process using a connection's operation), each once, with the components it reaches it `through`.
 */
export const UsedBy = Type.Object({
  items: Type.Array(ComponentSummary),
  total: Type.Integer(),
  indirect: Type.Array(
    Type.Intersect([ComponentSummary, Type.Object({ through: Type.Array(Type.String()) })]),
  ),
});
export type UsedBy = Static<typeof UsedBy>;

export const UpdateComponent = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    folderId: Type.Optional(Type.Union([Id, Type.Null()])),
    body: Type.Optional(ComponentBody),
  },
  { additionalProperties: false },
);
export type UpdateComponent = Static<typeof UpdateComponent>;

export const Revision = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  reason: Type.String({ description: 'create, update, restored or imported' }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
export const RevisionList = Type.Object({ items: Type.Array(Revision) });
export type RevisionList = Static<typeof RevisionList>;

/** Everything a process (or any component) needs, in one JSON document; secrets are never in it. */
export const Bundle = Type.Object(
  {
    format: Type.Literal('flowline-bundle'),
    formatVersion: Type.Literal(1),
    exportedAt: Type.String({ format: 'date-time' }),
    rootId: Id,
    components: Type.Array(
      Type.Object(
        {
          id: Id,
          type: ComponentType,
          name: Name,
          description: Type.String({ maxLength: 4000 }),
          body: ComponentBody,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export type Bundle = Static<typeof Bundle>;

export const ImportRequest = Type.Object(
  {
    bundle: Bundle,
    /** For components that already exist: keep the stored one, or replace it with a new revision. */
    existing: Type.Union([Type.Literal('keep'), Type.Literal('replace')]),
    folderId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;

export const ImportResult = Type.Object({
  created: Type.Array(Id),
  replaced: Type.Array(Id),
  kept: Type.Array(Id),
});
export type ImportResult = Static<typeof ImportResult>;
