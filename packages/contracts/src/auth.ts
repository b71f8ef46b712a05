import { type Static, Type } from 'typebox';
import { Id } from './folders.js';
import { roleNames } from './names.js';

export const Role = Type.Enum(roleNames);
export type Role = Static<typeof Role>;

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 10, maxLength: 200 });

export const LoginRequest = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

/** The signed-in user and the token to send as `x-csrf-token` with every change. */
export const SessionInfo = Type.Object({
  user: Type.Object({ id: Id, email: Type.String(), name: Type.String(), role: Role }),
  csrfToken: Type.String(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const SetupRequest = Type.Object(
  {
    token: Type.String({ maxLength: 200 }),
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Password,
  },
  { additionalProperties: false },
);
export type SetupRequest = Static<typeof SetupRequest>;

export const SetupState = Type.Object({ needed: Type.Boolean() });

export const CreateUser = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role, password: Password },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUser>;

export const UserList = Type.Object({ items: Type.Array(User) });
export type UserList = Static<typeof UserList>;

export const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  userEmail: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  componentId: Type.Union([Id, Type.Null()]),
  detail: Type.Unknown(),
});
export const AuditList = Type.Object({ items: Type.Array(AuditEntry) });
export type AuditList = Static<typeof AuditList>;
export const AuditQuery = Type.Object(
  {
    componentId: Type.Optional(Id),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
