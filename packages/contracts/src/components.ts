import { type Static, Type } from 'typebox';
import { Id, Name } from './folders.js';

export const ComponentType = Type.Union(
  [Type.Literal('connection'), Type.Literal('operation'), Type.Literal('map'), Type.Literal('process')],
  { description: 'connection | operation | map | process' },
);
export type ComponentType = Static<typeof ComponentType>;
export const componentTypes: readonly ComponentType[] = ['connection', 'operation', 'map', 'process'];

/** A component's JSON body; each type's own schema narrows it (see the component store). */
export const ComponentBody = Type.Object(
  { schemaVersion: Type.Integer({ minimum: 1 }) },
  { additionalProperties: true },
);
export type ComponentBody = Static<typeof ComponentBody>;

export const ComponentSummary = Type.Object(
  {
    id: Id,
    type: ComponentType,
    name: Type.String(),
    description: Type.String(),
    folderId: Type.Union([Id, Type.Null()]),
    version: Type.Integer({ description: 'The current revision; the ETag names it' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ComponentSummary' },
);
export type ComponentSummary = Static<typeof ComponentSummary>;

export const Component = Type.Object(
  {
    id: Id,
    type: ComponentType,
    name: Type.String(),
    description: Type.String(),
    folderId: Type.Union([Id, Type.Null()]),
    version: Type.Integer(),
    body: ComponentBody,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Component' },
);
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

export const ListComponentsQuery = Type.Object(
  {
    type: Type.Optional(ComponentType),
    folderId: Type.Optional(Id),
    search: Type.Optional(Type.String({ maxLength: 200 })),
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
