import { type Static, Type } from 'typebox';
import { Id } from './folders.js';
import { Profile } from './profile.js';

export const OperationAction = Type.Union([
  Type.Literal('get'),
  Type.Literal('query'),
  Type.Literal('create'),
  Type.Literal('update'),
  Type.Literal('upsert'),
  Type.Literal('delete'),
  Type.Literal('execute'),
]);
export type OperationAction = Static<typeof OperationAction>;

const FilterValue = Type.Union([
  Type.String({ maxLength: 4000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
]);
const Path = Type.String({ minLength: 1, maxLength: 500 });

/** A filter as the connector's AST, with JSON literals typed later from the profile. */
export type OperationFilter =
  | { op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string; value: string | number | boolean | null }
  | { op: 'and' | 'or'; args: OperationFilter[] }
  | { op: 'not'; arg: OperationFilter }
  | { op: 'contains' | 'startswith' | 'endswith'; path: string; value: string }
  | { op: 'in'; path: string; values: (string | number | boolean | null)[] };

const Comparison = Type.Object(
  {
    op: Type.Union(['eq', 'ne', 'gt', 'ge', 'lt', 'le'].map((o) => Type.Literal(o))),
    path: Path,
    value: FilterValue,
  },
  { additionalProperties: false },
);
const StringMatch = Type.Object(
  {
    op: Type.Union(['contains', 'startswith', 'endswith'].map((o) => Type.Literal(o))),
    path: Path,
    value: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
const InList = Type.Object(
  { op: Type.Literal('in'), path: Path, values: Type.Array(FilterValue, { maxItems: 1000 }) },
  { additionalProperties: false },
);
// Groups nest three levels deep in the schema; deeper trees are refused as too complex to edit.
const leaf = Type.Union([Comparison, StringMatch, InList]);
const group = (inner: ReturnType<typeof Type.Union>) =>
  Type.Union([
    inner,
    Type.Object(
      {
        op: Type.Union([Type.Literal('and'), Type.Literal('or')]),
        args: Type.Array(inner, { maxItems: 200 }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ op: Type.Literal('not'), arg: inner }, { additionalProperties: false }),
  ]);
export const OperationFilter = Type.Unsafe<OperationFilter>(group(group(group(leaf))));

/** Everything but the version is optional, so unfinished work can be saved; validation before a run says what is missing. */
export const OperationBody = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    connectionId: Type.Optional(Id),
    action: Type.Optional(OperationAction),
    /** Entity set, case-sensitive as in `$metadata`, e.g. `CustomersV3`. */
    entitySet: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Bound action name for `execute`. */
    actionName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    select: Type.Optional(Type.Array(Path, { maxItems: 2000 })),
    expand: Type.Optional(
      Type.Array(
        Type.Object(
          { navigation: Path, select: Type.Optional(Type.Array(Path, { maxItems: 2000 })) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    filter: Type.Optional(OperationFilter),
    orderBy: Type.Optional(
      Type.Array(
        Type.Object({ path: Path, desc: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        {
          maxItems: 20,
        },
      ),
    ),
    top: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    crossCompany: Type.Optional(Type.Boolean()),
    legalEntity: Type.Optional(Type.String({ minLength: 1, maxLength: 8 })),
    batch: Type.Optional(
      Type.Object(
        {
          enabled: Type.Boolean(),
          size: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          mode: Type.Optional(Type.Union([Type.Literal('atomic'), Type.Literal('independent')])),
        },
        { additionalProperties: false },
      ),
    ),
    ifMatch: Type.Optional(Type.Union([Type.Literal('tracked'), Type.Literal('any'), Type.Literal('none')])),
    /** Snapshots of the profiles, taken from `$metadata` when the operation was designed. */
    requestProfile: Type.Optional(Profile),
    responseProfile: Type.Optional(Profile),
    /** Hash of the `$metadata` the snapshots came from. */
    metadataHash: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type OperationBody = Static<typeof OperationBody>;
