import type { Sandbox } from '@flowline/d365-sandbox';
import {
  COPIED_FIELDS,
  customersCreateBody,
  customersQueryBody,
  pipelineProcessBody,
  sandboxConnectionBody,
} from '../../executions/test-fixtures.js';
import type { ApiSession } from './load-http.js';

/** What every copy-customers process of the load run shares: one connection and its two operations. */
export interface CopyCustomers {
  connectionId: string;
  queryId: string;
  createId: string;
  profile: unknown;
}

async function create(designer: ApiSession, type: string, name: string, body: unknown): Promise<string> {
  const res = await designer.call('write', 'create component', 'POST', '/api/components', [201], {
    body: { type, name, body },
  });
  if (!res) throw new Error(`Creating the ${type} "${name}" failed (see the failures).`);
  return (res.json as { id: string }).id;
}

/** The connection to the sandbox, a query of usmf customers and a `$batch` create of customers. */
export async function copyCustomersParts(sandbox: Sandbox, designer: ApiSession): Promise<CopyCustomers> {
  const connectionId = await create(designer, 'connection', 'Load sandbox', sandboxConnectionBody(sandbox));
  const res = await designer.get(
    'profile',
    `/api/connections/${connectionId}/entity-sets/CustomersV3/profile`,
  );
  if (!res) throw new Error('Reading the CustomersV3 profile failed (see the failures).');
  const profile = (res.json as { profile: unknown }).profile;
  const queryId = await create(
    designer,
    'operation',
    'Load: usmf customers',
    customersQueryBody(connectionId, profile),
  );
  const createId = await create(
    designer,
    'operation',
    'Load: create customer',
    customersCreateBody(connectionId, profile),
  );
  return { connectionId, queryId, createId, profile };
}

/**
 * A map and a process copying every usmf customer to usrt as `<prefix><account>`: concurrent
 * executions each write their own records, so each one's count can be checked exactly.
 */
export async function copyCustomersProcess(
  designer: ApiSession,
  parts: CopyCustomers,
  prefix: string,
): Promise<string> {
  const { connectionId, queryId, createId, profile } = parts;
  const mapId = await create(designer, 'map', `Load map ${prefix}`, {
    schemaVersion: 1,
    name: `Load map ${prefix}`,
    source: { profile },
    target: { profile },
    rules: [
      { id: 'r1', kind: 'field', target: 'dataAreaId', value: { type: 'constant', value: 'usrt' } },
      {
        id: 'r2',
        kind: 'field',
        target: 'CustomerAccount',
        steps: [
          {
            id: 's1',
            fn: 'concat',
            args: [
              { type: 'constant', value: prefix },
              { type: 'source', path: 'CustomerAccount' },
            ],
          },
        ],
        value: { type: 'step', step: 's1' },
      },
      ...COPIED_FIELDS.slice(2).map((f, i) => ({
        id: `r${i + 3}`,
        kind: 'field',
        target: f,
        value: { type: 'source', path: f },
      })),
    ],
  });
  return create(
    designer,
    'process',
    `Load copy ${prefix}`,
    pipelineProcessBody(`Load copy ${prefix}`, { connectionId, queryId, mapId, writeId: createId }),
  );
}
