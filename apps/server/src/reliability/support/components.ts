import type { Sandbox } from '@flowline/d365-sandbox';
import { expect } from 'vitest';
import {
  COPIED_FIELDS,
  customersCreateBody,
  customersQueryBody,
  pipelineProcessBody,
  sandboxConnectionBody,
} from '../../executions/test-fixtures.js';
import { type Api, idOf } from './api.js';

/** Creates a component through the API; answers its id. */
export async function createComponent(
  api: Api,
  type: string,
  name: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await api.post('/api/components', { type, name, body });
  expect(res.statusCode, res.body).toBe(201);
  return idOf(res);
}

/** A connection to the sandbox with its demo app's secret, usmf by default. */
export function sandboxConnection(api: Api, sandbox: Sandbox): Promise<string> {
  return createComponent(api, 'connection', 'Sandbox', sandboxConnectionBody(sandbox));
}

/** The CustomersV3 profile, read from the sandbox's `$metadata` through the connection. */
export async function customersProfile(api: Api, connectionId: string): Promise<unknown> {
  const res = await api.get(`/api/connections/${connectionId}/entity-sets/CustomersV3/profile`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { profile: unknown }).profile;
}

/** A process "read → map → write", each failure of the map or the write kept on its error path. */
export function pipelineProcess(
  api: Api,
  name: string,
  ids: { connectionId: string; queryId: string; mapId: string; writeId: string },
): Promise<string> {
  return createComponent(api, 'process', name, pipelineProcessBody(name, ids));
}

const source = (path: string) => ({ type: 'source', path });

/**
 * "Copy the customers of usmf to usrt": a query of usmf ordered by account, a map setting the
 * company, and creates in `$batch` change sets of 100. Answers the process id.
 */
export async function copyCustomersProcess(api: Api, connectionId: string): Promise<string> {
  const profile = await customersProfile(api, connectionId);
  const fields = COPIED_FIELDS;
  const queryId = await createComponent(
    api,
    'operation',
    'usmf customers',
    customersQueryBody(connectionId, profile),
  );
  const writeId = await createComponent(
    api,
    'operation',
    'create customer',
    customersCreateBody(connectionId, profile),
  );
  const mapId = await createComponent(api, 'map', 'usmf to usrt', {
    schemaVersion: 1,
    name: 'usmf to usrt',
    source: { profile },
    target: { profile },
    rules: [
      { id: 'r1', kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'usrt' } },
      ...fields.slice(1).map((f, i) => ({ id: `r${i + 2}`, kind: 'field', target: f, value: source(f) })),
    ],
  });
  return pipelineProcess(api, 'Copy customers', { connectionId, queryId, mapId, writeId });
}

/** What the rename process writes into OrganizationName: the name it read, prefixed. */
export const PROCESS_MARK = 'P:';

/**
 * "Rename the customers of a company": a query (records come with their ETags), a map prefixing
 * OrganizationName with {@link PROCESS_MARK}, and updates in `$batch` change sets conditional on the
 * ETag read (If-Match), so a record changed meanwhile by someone else fails with 412.
 */
export async function renameCustomersProcess(api: Api, connectionId: string, legalEntity: string) {
  const profile = await customersProfile(api, connectionId);
  const queryId = await createComponent(api, 'operation', `${legalEntity} customers to rename`, {
    schemaVersion: 1,
    connectionId,
    action: 'query',
    entitySet: 'CustomersV3',
    select: ['dataAreaId', 'CustomerAccount', 'OrganizationName'],
    orderBy: [{ path: 'CustomerAccount' }],
    legalEntity,
    responseProfile: profile,
  });
  const writeId = await createComponent(api, 'operation', 'update customer', {
    schemaVersion: 1,
    connectionId,
    action: 'update',
    entitySet: 'CustomersV3',
    batch: { enabled: true, size: 100 },
    requestProfile: profile,
  });
  const mapId = await createComponent(api, 'map', 'rename', {
    schemaVersion: 1,
    name: 'rename',
    source: { profile },
    target: { profile },
    rules: [
      { id: 'r1', kind: 'field', target: 'dataAreaId', value: source('dataAreaId') },
      { id: 'r2', kind: 'field', target: 'CustomerAccount', value: source('CustomerAccount') },
      {
        id: 'r3',
        kind: 'field',
        target: 'OrganizationName',
        steps: [
          {
            id: 's1',
            fn: 'concat',
            args: [{ type: 'constant', value: PROCESS_MARK }, source('OrganizationName')],
          },
        ],
        value: { type: 'step', step: 's1' },
      },
    ],
  });
  return pipelineProcess(api, 'Rename customers', { connectionId, queryId, mapId, writeId });
}
