import { type Static, Type } from 'typebox';
import { Id } from './folders.js';
import { executionModes, executionStatuses } from './names.js';

const Json = Type.Unknown();
const DateTime = Type.String({ format: 'date-time' });

export const ExecutionStatus = Type.Enum(executionStatuses);
export type ExecutionStatus = Static<typeof ExecutionStatus>;

/** See `executionModes`. */
export const ExecutionMode = Type.Enum(executionModes);
export type ExecutionMode = Static<typeof ExecutionMode>;

/** Per-shape counters: documents in, out, failed, writes skipped on resume, time in the shape. */
export const ShapeCounts = Type.Object({
  in: Type.Integer(),
  out: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer(),
  timeMs: Type.Number(),
  /**
   * A preview's write shape: its documents by what their write would do (`create`, `update`,
   * `unchanged`, `delete`, `execute`) or the refusal it would meet (`refused:exists`…).
   */
  would: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  /** Updates and deletes sent without If-Match because their document carried no ETag. */
  unconditional: Type.Optional(Type.Integer()),
  /** Failed documents by their error's code (`failed` when it has none). */
  failedBy: Type.Optional(Type.Record(Type.String(), Type.Integer())),
});
export type ShapeCounts = Static<typeof ShapeCounts>;

export const ExecutionSummary = Type.Object({
  id: Id,
  processId: Id,
  processVersion: Type.Integer(),
  processName: Type.String(),
  status: ExecutionStatus,
  mode: ExecutionMode,
  startedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  startedAt: Type.Union([DateTime, Type.Null()]),
  finishedAt: Type.Union([DateTime, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type ExecutionSummary = Static<typeof ExecutionSummary>;

export const ExecutionLogEntry = Type.Object({
  at: DateTime,
  level: Type.String(),
  shapeId: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

/** `GET /api/executions/:id`: the summary, per-shape counts and times, and the log. */
export const ExecutionDetail = Type.Object({
  ...ExecutionSummary.properties,
  shapes: Type.Record(Type.String(), ShapeCounts),
  heartbeatAt: Type.Union([DateTime, Type.Null()]),
  workerId: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  logs: Type.Array(ExecutionLogEntry),
});
export type ExecutionDetail = Static<typeof ExecutionDetail>;

export const ListExecutionsQuery = Type.Object(
  {
    processId: Type.Optional(Id),
    status: Type.Optional(ExecutionStatus),
    mode: Type.Optional(ExecutionMode),
    /** Created at or after this time. */
    from: Type.Optional(DateTime),
    /** Created before this time. */
    to: Type.Optional(DateTime),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListExecutionsQuery = Static<typeof ListExecutionsQuery>;

export const ExecutionList = Type.Object({ items: Type.Array(ExecutionSummary), total: Type.Integer() });
export type ExecutionList = Static<typeof ExecutionList>;

/** `GET /api/executions/latest`: the newest execution of each process that has run. */
export const LatestExecutions = Type.Object({ items: Type.Array(ExecutionSummary) });
export type LatestExecutions = Static<typeof LatestExecutions>;

/** 202 answer of the routes that queue an execution. */
export const ExecutionAccepted = Type.Object({ id: Id, status: ExecutionStatus });
export type ExecutionAccepted = Static<typeof ExecutionAccepted>;

/** Re-running failed documents queues one execution per shape where documents failed. */
export const RerunAccepted = Type.Object({ id: Id, ids: Type.Array(Id) });
export type RerunAccepted = Static<typeof RerunAccepted>;

export const ExecutionDocumentsQuery = Type.Object(
  {
    shapeId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('failed')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type ExecutionDocumentsQuery = Static<typeof ExecutionDocumentsQuery>;

export const ExecutionDocument = Type.Object({
  shapeId: Type.String(),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('failed')]),
  documentId: Type.String(),
  /** The engine's document: `{ id, data, properties: { tracked, user }, error? }`. */
  document: Json,
});
export type ExecutionDocument = Static<typeof ExecutionDocument>;

export const ExecutionDocumentList = Type.Object({
  items: Type.Array(ExecutionDocument),
  total: Type.Integer(),
});
export type ExecutionDocumentList = Static<typeof ExecutionDocumentList>;

export const TrackedSearchQuery = Type.Object(
  {
    /** A tracked value, e.g. a customer account `US-001`. */
    tracked: Type.String({ minLength: 1, maxLength: 500 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);
export type TrackedSearchQuery = Static<typeof TrackedSearchQuery>;

export const TrackedSearchResult = Type.Object({
  items: Type.Array(
    Type.Object({
      execution: ExecutionSummary,
      shapeId: Type.String(),
      documentId: Type.String(),
      name: Type.String(),
      value: Type.String(),
    }),
  ),
});
export type TrackedSearchResult = Static<typeof TrackedSearchResult>;

/** 422 of `POST /api/processes/:id/executions`: the engine's problems, by shape. */
export const ProcessProblems = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    problems: Type.Array(
      Type.Object({
        code: Type.String(),
        shapeId: Type.Optional(Type.String()),
        edgeId: Type.Optional(Type.String()),
        message: Type.String(),
      }),
    ),
  },
  { additionalProperties: true },
);
