import { type Static, Type } from 'typebox';
import { Profile } from './profile.js';

export const ConnectionTestStep = Type.Object({
  step: Type.Union([Type.Literal('token'), Type.Literal('metadata'), Type.Literal('record')]),
  ok: Type.Boolean(),
  ms: Type.Integer(),
  detail: Type.String(),
  /** What to do about a failure, in plain words. */
  explanation: Type.Optional(Type.String()),
});
export type ConnectionTestStep = Static<typeof ConnectionTestStep>;

export const ConnectionTestResult = Type.Object({
  ok: Type.Boolean(),
  steps: Type.Array(ConnectionTestStep),
});
export type ConnectionTestResult = Static<typeof ConnectionTestResult>;

export const EntitySetSummary = Type.Object({
  name: Type.String(),
  entityType: Type.String(),
  label: Type.Optional(Type.String()),
  key: Type.Array(Type.String()),
});

export const EntitySetList = Type.Object({
  items: Type.Array(EntitySetSummary),
  total: Type.Integer({ description: 'Entity sets matching the search, before the limit' }),
  metadataHash: Type.String(),
});
export type EntitySetList = Static<typeof EntitySetList>;

export const EntitySetQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
    refresh: Type.Optional(Type.Boolean({ description: 'Fetch `$metadata` again before answering' })),
  },
  { additionalProperties: false },
);
export type EntitySetQuery = Static<typeof EntitySetQuery>;

export const EntitySetProfile = Type.Object({ profile: Profile, metadataHash: Type.String() });

/** How an operation's stored profile snapshot differs from the service's `$metadata` today. */
export const ProfileDrift = Type.Object({
  upToDate: Type.Boolean(),
  metadataHash: Type.String(),
  snapshotHash: Type.Optional(Type.String()),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  changed: Type.Array(Type.Object({ field: Type.String(), before: Type.String(), after: Type.String() })),
  /**
   * F&O label ids the snapshot still shows as ids (its first read of labels took too long or failed)
   * and their texts, now known: what an editor offers to take.
   */
  labels: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type ProfileDrift = Static<typeof ProfileDrift>;
