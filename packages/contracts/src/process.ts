import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * A process: a graph of shapes that documents flow through. Stored as JSON (a component body),
 * edited through the typed operations of `@flowline/engine` and run by its runtime.
 *
 * Edges leave a shape through a named handle: `out`, `true`/`false` (decision), `path-1`…`path-N`
 * (branch, run in that order) and `error` (failed documents, when the shape's `onError` is `errorPath`).
 */

/** The current version of the process JSON; older versions are migrated by `@flowline/engine`. */
export const PROCESS_SCHEMA_VERSION = 1;

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Json = Type.Unknown();

/** Where a value comes from: a constant, a document field, a document/process property or a tracked property. */
export const ValueSource = Type.Union([
  Type.Object({ type: Type.Literal('constant'), value: Json }),
  /** A field of the document's JSON, by path (`Address.City`, `Lines.0.ItemId`). */
  Type.Object({ type: Type.Literal('field'), path: Type.String({ minLength: 1 }) }),
  /** A user property of the document (set by a set-properties shape). */
  Type.Object({ type: Type.Literal('property'), name: Type.String({ minLength: 1 }) }),
  /** A process property (one value per execution, set by a set-properties shape). */
  Type.Object({ type: Type.Literal('processProperty'), name: Type.String({ minLength: 1 }) }),
  /** A property tracked by the connector: the OData ETag, the entity key, the legal entity, the entity set. */
  Type.Object({
    type: Type.Literal('tracked'),
    name: Type.Union([
      Type.Literal('etag'),
      Type.Literal('key'),
      Type.Literal('dataAreaId'),
      Type.Literal('entitySet'),
    ]),
  }),
]);
export type ValueSource = Static<typeof ValueSource>;

/** What a shape does with a document that fails there: send it down the `error` edge, or fail the run. */
export const OnError = Type.Union([Type.Literal('errorPath'), Type.Literal('failRun')]);
export type OnError = Static<typeof OnError>;

export const Position = Type.Object({ x: Type.Number(), y: Type.Number() });
export type Position = Static<typeof Position>;

const base = {
  id: Id,
  /** Shown on the canvas; defaults to the kind. */
  name: Type.Optional(Type.String({ maxLength: 200 })),
  position: Position,
  /** Opaque editor data. */
  ui: Type.Optional(Json),
};
const failing = { onError: OnError };

export const StartConfig = Type.Union([
  /** Documents come from a connector operation (usually a query), page by page. */
  Type.Object({
    mode: Type.Literal('operation'),
    connectionId: Type.Optional(Id),
    operationId: Type.Optional(Id),
    parameters: Type.Optional(Type.Record(Type.String(), Json)),
  }),
  /** One empty document starts the run (for processes that build their documents with a message). */
  Type.Object({ mode: Type.Literal('none') }),
  /** The caller passes the documents (the API's `documents`, or a parent process). */
  Type.Object({ mode: Type.Literal('documents') }),
]);
export type StartConfig = Static<typeof StartConfig>;

export const ConnectorConfig = Type.Object({
  connectionId: Type.Optional(Id),
  operationId: Type.Optional(Id),
  /** Operation parameters (key parts, filter values, action arguments) by name. */
  parameters: Type.Optional(Type.Record(Type.String(), ValueSource)),
  /** Updates and deletes send the tracked ETag as If-Match unless this is `none` or `*`. Default `tracked`. */
  ifMatch: Type.Optional(Type.Union([Type.Literal('tracked'), Type.Literal('*'), Type.Literal('none')])),
});
export type ConnectorConfig = Static<typeof ConnectorConfig>;

export const MapShapeConfig = Type.Object({ mapId: Type.Optional(Id) });
export type MapShapeConfig = Static<typeof MapShapeConfig>;

export const DecisionOperator = Type.Union([
  Type.Literal('='),
  Type.Literal('!='),
  Type.Literal('<'),
  Type.Literal('<='),
  Type.Literal('>'),
  Type.Literal('>='),
  Type.Literal('wildcard'),
  Type.Literal('regex'),
  Type.Literal('empty'),
]);
export type DecisionOperator = Static<typeof DecisionOperator>;

export const DecisionConfig = Type.Object({
  left: Type.Optional(ValueSource),
  operator: Type.Optional(DecisionOperator),
  /** Not used by `empty`. For `wildcard`: `*` and `?`; for `regex`: a JavaScript regular expression. */
  right: Type.Optional(ValueSource),
  /** Text comparisons ignore case. */
  ignoreCase: Type.Optional(Type.Boolean()),
});
export type DecisionConfig = Static<typeof DecisionConfig>;

export const BranchConfig = Type.Object({ paths: Type.Integer({ minimum: 2, maximum: 25 }) });
export type BranchConfig = Static<typeof BranchConfig>;

export const PropertyAssignment = Type.Object({
  target: Type.Union([Type.Literal('document'), Type.Literal('process')]),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  value: ValueSource,
});
export type PropertyAssignment = Static<typeof PropertyAssignment>;

export const SetPropertiesConfig = Type.Object({ assignments: Type.Array(PropertyAssignment) });
export type SetPropertiesConfig = Static<typeof SetPropertiesConfig>;

export const MessageConfig = Type.Object({
  /**
   * `{Field.Path}` reads the document, `{property:Name}`, `{process:Name}` and `{tracked:etag}` read
   * properties; any other brace is literal text (so a JSON template needs no escaping).
   */
  template: Type.String(),
  /** `text` (default): the document becomes `{ message }`; `json`: the filled template is parsed as JSON. */
  format: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('json')])),
});
export type MessageConfig = Static<typeof MessageConfig>;

export const StopConfig = Type.Object({
  /** `path`: the document's path ends here; `run`: the whole execution ends (successfully). */
  scope: Type.Union([Type.Literal('path'), Type.Literal('run')]),
});
export type StopConfig = Static<typeof StopConfig>;

export const StartShape = Type.Object({ ...base, kind: Type.Literal('start'), config: StartConfig });
export const ConnectorShape = Type.Object({
  ...base,
  ...failing,
  kind: Type.Literal('connector'),
  config: ConnectorConfig,
});
export const MapShape = Type.Object({
  ...base,
  ...failing,
  kind: Type.Literal('map'),
  config: MapShapeConfig,
});
export const DecisionShape = Type.Object({
  ...base,
  ...failing,
  kind: Type.Literal('decision'),
  config: DecisionConfig,
});
export const BranchShape = Type.Object({ ...base, kind: Type.Literal('branch'), config: BranchConfig });
export const SetPropertiesShape = Type.Object({
  ...base,
  ...failing,
  kind: Type.Literal('setProperties'),
  config: SetPropertiesConfig,
});
export const MessageShape = Type.Object({
  ...base,
  ...failing,
  kind: Type.Literal('message'),
  config: MessageConfig,
});
export const StopShape = Type.Object({ ...base, kind: Type.Literal('stop'), config: StopConfig });

export const Shape = Type.Union([
  StartShape,
  ConnectorShape,
  MapShape,
  DecisionShape,
  BranchShape,
  SetPropertiesShape,
  MessageShape,
  StopShape,
]);
export type StartShape = Static<typeof StartShape>;
export type ConnectorShape = Static<typeof ConnectorShape>;
export type MapShape = Static<typeof MapShape>;
export type DecisionShape = Static<typeof DecisionShape>;
export type BranchShape = Static<typeof BranchShape>;
export type SetPropertiesShape = Static<typeof SetPropertiesShape>;
export type MessageShape = Static<typeof MessageShape>;
export type StopShape = Static<typeof StopShape>;
export type Shape = Static<typeof Shape>;
export type ShapeKind = Shape['kind'];

/** A directed edge from one handle of a shape to another shape. */
export const Edge = Type.Object({
  id: Id,
  from: Id,
  /** `out`, `true`, `false`, `error` or `path-N`. */
  handle: Type.String({ minLength: 1, maxLength: 20 }),
  to: Id,
});
export type Edge = Static<typeof Edge>;

export const ProcessDefinition = Type.Object(
  {
    schemaVersion: Type.Literal(PROCESS_SCHEMA_VERSION),
    id: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    /** Initial values of the process properties. */
    properties: Type.Optional(Type.Record(Type.String(), Json)),
    shapes: Type.Array(Shape),
    edges: Type.Array(Edge),
    ui: Type.Optional(Json),
  },
  { $id: 'ProcessDefinition' },
);
export type ProcessDefinition = Static<typeof ProcessDefinition>;

/** Checks a value against the process schema; returns one message per problem, each naming its JSON pointer. */
export function checkProcessSchema(value: unknown): string[] {
  if (Value.Check(ProcessDefinition, value)) return [];
  return [...Value.Errors(ProcessDefinition, value)].map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

/** Body of `POST /api/processes/:id/executions`. */
export const StartExecution = Type.Object(
  {
    mode: Type.Union([Type.Literal('test'), Type.Literal('preview'), Type.Literal('full')]),
    /** Documents for a start shape in `documents` mode: JSON records, with optional ids. */
    documents: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.Optional(Type.String({ minLength: 1 })),
          data: Type.Record(Type.String(), Json),
        }),
        { maxItems: 10_000 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StartExecution = Static<typeof StartExecution>;
