import { type Static, Type } from 'typebox';
import { ComponentType } from './components.js';
import { Id } from './folders.js';

/** Whether `npm start` runs the local D365 sandbox, and how a connection reaches it (no secret). */
export const LocalSandbox = Type.Union([
  Type.Object({
    running: Type.Literal(true),
    serviceUrl: Type.String(),
    tenant: Type.String(),
    clientId: Type.String(),
    authorityHost: Type.String(),
    /** The connections whose current revision reaches it, by name. */
    connections: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  }),
  Type.Object({ running: Type.Literal(false) }),
]);
export type LocalSandbox = Static<typeof LocalSandbox>;

/** A connection to the local sandbox, made on the server (which alone holds the sandbox's secret). */
export const ConnectSandbox = Type.Object(
  { folderId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);
export type ConnectSandbox = Static<typeof ConnectSandbox>;

/** The example process made for the local sandbox, with its folder and every component it uses. */
export const SandboxExample = Type.Object({
  folder: Type.Object({ id: Id, name: Type.String() }),
  processId: Id,
  /** In the order they were made: the connection, the two operations, the map, the process. */
  components: Type.Array(
    Type.Object({
      id: Id,
      type: ComponentType,
      name: Type.String(),
    }),
  ),
});
export type SandboxExample = Static<typeof SandboxExample>;

/** The example takes nothing yet (its folder is its own); a body, if sent, must be empty. */
export const CreateSandboxExample = Type.Object({}, { additionalProperties: false });
