import type {
  ComponentBody,
  ConnectionBody,
  MapDefinition,
  OperationBody,
  Profile,
  SandboxExample,
} from '@flowline/contracts';
import type { SessionUser } from '../auth/access.js';
import type { ComponentsService } from '../components/components.service.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { Db } from '../db/prisma.js';
import { FoldersService } from '../folders/folders.service.js';

/**
 * The example a newcomer gets in one click: the first customers of usmf copied into usrt, each
 * piece a component they can open and change. It upserts, so it can be run again and again.
 */
const FOLDER = 'Example: copy customers';
const SOURCE = 'usmf';
const TARGET = 'usrt';
const ENTITY_SET = 'CustomersV3';
const COPIED = ['dataAreaId', 'CustomerAccount', 'OrganizationName', 'CustomerGroupId', 'SalesCurrencyCode'];
const FIRST = 25;

/** A process "read → map → write", each failure of the map or the write kept on its error path. */
export function pipelineProcessBody(
  name: string,
  ids: { connectionId: string; queryId: string; mapId: string; writeId: string },
  names: { read?: string; map?: string; write?: string } = {},
) {
  const { connectionId, queryId, mapId, writeId } = ids;
  const named = (shape: string | undefined) => (shape ? { name: shape } : {});
  return {
    schemaVersion: 1 as const,
    name,
    shapes: [
      {
        id: 'start',
        kind: 'start' as const,
        ...named(names.read),
        position: { x: 0, y: 0 },
        config: { mode: 'operation' as const, connectionId, operationId: queryId },
      },
      {
        id: 'map',
        kind: 'map' as const,
        ...named(names.map),
        position: { x: 250, y: 0 },
        onError: 'errorPath' as const,
        config: { mapId },
      },
      {
        id: 'write',
        kind: 'connector' as const,
        ...named(names.write),
        position: { x: 550, y: 0 },
        onError: 'errorPath' as const,
        config: { connectionId, operationId: writeId },
      },
      {
        id: 'mapFailed',
        kind: 'stop' as const,
        name: 'Not mapped',
        position: { x: 550, y: 120 },
        config: { scope: 'path' as const },
      },
      {
        id: 'writeFailed',
        kind: 'stop' as const,
        name: 'Not written',
        position: { x: 850, y: 120 },
        config: { scope: 'path' as const },
      },
    ],
    edges: [
      { id: 'e1', from: 'start', handle: 'out', to: 'map' },
      { id: 'e2', from: 'map', handle: 'out', to: 'write' },
      { id: 'e3', from: 'map', handle: 'error', to: 'mapFailed' },
      { id: 'e4', from: 'write', handle: 'error', to: 'writeFailed' },
    ],
  };
}

/** The map: every copied field as it is, the company set to usrt, the name trimmed. */
function mapBody(name: string, profile: Profile, query: Ref, upsert: Ref): MapDefinition {
  const source = (path: string) => ({ type: 'source' as const, path });
  return {
    schemaVersion: 1,
    name,
    source: { profile, ref: { componentId: query.id, operation: 'query', version: 1 } },
    target: { profile, ref: { componentId: upsert.id, operation: 'upsert', version: 1 } },
    rules: COPIED.map((field, i) => {
      const id = `r${i + 1}`;
      if (field === 'dataAreaId')
        return {
          id,
          kind: 'field',
          target: field,
          value: { type: 'constant', value: TARGET },
          description: `The copies belong to ${TARGET}.`,
        };
      if (field === 'OrganizationName')
        return {
          id,
          kind: 'field',
          target: field,
          steps: [{ id: 's1', fn: 'trim', args: [source(field)] }],
          value: { type: 'step', step: 's1' },
        };
      return { id, kind: 'field', target: field, value: source(field) };
    }),
  };
}

/** What the query reads: the copied fields of the first customers, by account. */
const firstCustomers = (operation: OperationBody): OperationBody => ({
  ...operation,
  select: COPIED,
  orderBy: [{ path: 'CustomerAccount' }],
  top: FIRST,
});

type Ref = SandboxExample['components'][number];

/**
 * Makes the example in a folder of its own ("Example: copy customers", "… 2"…): a connection to the
 * sandbox, a query of usmf's first customers, an upsert into usrt, the map between them and the
 * process. The profile is read from the sandbox first through the new connection; if that fails,
 * the folder and the connection are removed again and the error says why.
 */
export async function createExample(
  deps: { db: Db; components: ComponentsService; connections: ConnectionsService },
  connection: { name: string; description: string; body: ConnectionBody },
  user: SessionUser | undefined,
  warn: (error: Error) => void,
): Promise<SandboxExample> {
  const { db, components, connections } = deps;
  const folders = new FoldersService(db);
  const folder = await folders.createUnique(FOLDER);
  const made: Ref[] = [];
  const keep = (c: Ref): Ref => {
    made.push({ id: c.id, type: c.type, name: c.name });
    return c;
  };
  try {
    const link = keep(
      await components.createUnique({ ...connection, type: 'connection', folderId: folder.id }, user),
    );
    // Read afresh: a $metadata kept from an older sandbox (another Flowline version) may differ.
    const { profile, metadataHash } = await connections.labelledProfile(link.id, ENTITY_SET, warn, true);
    await db.$transaction(async (t) => {
      const create = async (type: Ref['type'], name: string, description: string, body: ComponentBody) =>
        keep(await components.createUnique({ type, name, description, folderId: folder.id, body }, user, t));
      const operation = (action: 'query' | 'upsert', company: string): OperationBody => ({
        schemaVersion: 1,
        connectionId: link.id,
        action,
        entitySet: ENTITY_SET,
        legalEntity: company,
        requestProfile: profile,
        responseProfile: profile,
        metadataHash,
      });
      const query = await create(
        'operation',
        `${SOURCE} customers`,
        `The first ${FIRST} customers of ${SOURCE}, by account.`,
        firstCustomers(operation('query', SOURCE)),
      );
      const upsert = await create(
        'operation',
        `Upsert ${TARGET} customer`,
        `Creates the customer in ${TARGET}, or updates it when its account is there already.`,
        operation('upsert', TARGET),
      );
      const mapName = `${SOURCE} to ${TARGET} customers`;
      const map = await create(
        'map',
        mapName,
        'Company set, name trimmed, the rest as it is.',
        mapBody(mapName, profile, query, upsert),
      );
      const processName = `Copy customers ${SOURCE} to ${TARGET}`;
      await create(
        'process',
        processName,
        `Reads ${SOURCE}'s first ${FIRST} customers, maps them and upserts them into ${TARGET}. Preview it first: it writes nothing.`,
        pipelineProcessBody(
          processName,
          { connectionId: link.id, queryId: query.id, mapId: map.id, writeId: upsert.id },
          { read: query.name, map: map.name, write: upsert.name },
        ),
      );
    });
  } catch (error) {
    // The rest rolled back together; the connection and the folder were made before.
    const [link] = made;
    if (link) await components.delete(link.id, undefined, user);
    await folders.delete(folder.id, user);
    throw error;
  }
  return { folder: { id: folder.id, name: folder.name }, processId: made.at(-1)!.id, components: made };
}
