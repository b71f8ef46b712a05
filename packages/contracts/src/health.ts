import { type Static, Type } from 'typebox';

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  database: Type.Object({
    reachable: Type.Boolean(),
    migrationsApplied: Type.Boolean(),
    appliedMigrations: Type.Integer(),
    pendingMigrations: Type.Array(Type.String()),
    error: Type.Optional(Type.String()),
  }),
});
export type Health = Static<typeof Health>;
