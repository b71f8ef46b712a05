import { type Static, Type } from 'typebox';

export const Id = Type.String({ format: 'uuid' });

/** The path parameters of a route on one thing (`/…/:id`). */
export const IdParams = Type.Object({ id: Id });

export const Folder = Type.Object({
  id: Id,
  name: Type.String(),
  parentId: Type.Union([Id, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Folder = Static<typeof Folder>;

/** A name a person can read back: no control characters, not blank. */
export const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$',
});

export const CreateFolder = Type.Object(
  {
    name: Name,
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateFolder = Static<typeof CreateFolder>;

export const UpdateFolder = Type.Object({ name: Name }, { additionalProperties: false });
export type UpdateFolder = Static<typeof UpdateFolder>;

export const FolderList = Type.Object({ items: Type.Array(Folder) });
export type FolderList = Static<typeof FolderList>;
