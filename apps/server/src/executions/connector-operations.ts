import { type OperationBody, operationGets, operationReads } from '@flowline/contracts';
import type { FilterNode, FnoClient, ReadOptions } from '@flowline/d365-connector';
import type { OperationPort, OperationRecord, OperationRef, WriteItem, WriteOutcome } from '@flowline/engine';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { OperationBodies } from './component-resolver.js';
import { previewWrites } from './connector-preview.js';
import { writeBatch, writeOneByOne } from './connector-writes.js';

/**
 * The engine's OperationPort over `@flowline/d365-connector`. The client of a connection is shared by
 * every execution of this process, so its adaptive concurrency limit is the per-connection limit.
 */
export class ConnectorOperations implements OperationPort {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly bodies: OperationBodies,
  ) {}

  /** Per execution: the client of each connection and the key names of each entity set, looked up once. */
  private readonly clients = new Map<string, Promise<FnoClient>>();
  private readonly keys = new Map<string, Promise<string[]>>();

  private async resolve(
    ref: OperationRef,
  ): Promise<{ op: OperationBody; client: FnoClient; entitySet: string }> {
    const op = await this.bodies.get(ref.operationId);
    if (!op) throw new Error(`The operation ${ref.operationId} does not exist.`);
    if (!op.entitySet && op.action !== 'execute')
      throw new Error(`The operation ${ref.operationId} names no entity set.`);
    let client = this.clients.get(ref.connectionId);
    if (!client) {
      client = this.connections.client(ref.connectionId).then(async (c) => {
        // Keys (stable document ids, verification by key) come from $metadata: load it once per client.
        await c.metadata();
        return c;
      });
      // A failed lookup (e.g. $metadata unreachable for a moment) is tried again by the next call.
      client.catch(() => this.clients.delete(ref.connectionId));
      this.clients.set(ref.connectionId, client);
    }
    return { op, client: await client, entitySet: op.entitySet ?? '' };
  }

  private keyNames(client: FnoClient, connectionId: string, entitySet: string): Promise<string[]> {
    const id = `${connectionId}/${entitySet}`;
    let names = this.keys.get(id);
    if (!names) {
      names = client.profile(entitySet).then(
        (p) => p.key ?? [],
        () => [],
      );
      this.keys.set(id, names);
    }
    return names;
  }

  async *read(
    ref: OperationRef,
    parameters: Record<string, unknown>,
    { signal }: { signal: AbortSignal },
  ): AsyncIterable<OperationRecord[]> {
    const { op, client, entitySet } = await this.resolve(ref);
    if (op.action === 'get') {
      const record = await client.get(entitySet, parameters as Record<string, string>, operationGets(op));
      yield [record];
      return;
    }
    for await (const page of client.queryPages(entitySet, readOptions(op, parameters))) {
      signal.throwIfAborted();
      yield page.records;
    }
  }

  async write(
    ref: OperationRef,
    items: WriteItem[],
    { signal, preview }: { signal: AbortSignal; preview?: boolean },
  ): Promise<WriteOutcome[]> {
    const { op, client, entitySet } = await this.resolve(ref);
    signal.throwIfAborted();
    const legalEntity = op.legalEntity;
    const prepared = legalEntity
      ? items.map((i) =>
          i.data.dataAreaId === undefined ? { ...i, data: { ...i.data, dataAreaId: legalEntity } } : i,
        )
      : items;
    const keyNames = await this.keyNames(client, ref.connectionId, entitySet);
    const action = op.action ?? 'create';
    if (preview) return previewWrites(client, { op, action, entitySet, keyNames }, prepared);
    if (op.batch?.enabled && (action === 'create' || action === 'update' || action === 'delete')) {
      return writeBatch(client, { op, action, entitySet, keyNames }, prepared);
    }
    return writeOneByOne(client, { op, action, entitySet, keyNames }, prepared);
  }
}

/** The connector's query options of an operation's read (see `operationReads`), with a run's parameters. */
export function readOptions(op: OperationBody, parameters: Record<string, unknown>): ReadOptions {
  const { filter, ...rest } = operationReads(op, {
    legalEntity: parameters.legalEntity as string | undefined,
    top: parameters.top as number | undefined,
  });
  return { ...rest, ...(filter ? { filter: filter as FilterNode } : {}) };
}
