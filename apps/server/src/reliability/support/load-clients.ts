import type { ApiSession } from './load-http.js';

/** What the API clients share: the connection they browse and components that are never deleted. */
export interface LoadWorld {
  connectionId: string;
  /** Read by everyone and edited concurrently by every designer (412 is a correct answer there). */
  stableIds: string[];
}

// A busy person's pace: 100 clients offer about 130 requests a second between them.
const THINK_MS: [number, number] = [250, 1250];
const OWN_MAX = 4;
const ENTITY_SETS = ['CustomersV3', 'VendorsV2', 'ReleasedProductsV2', 'SalesOrderHeadersV2'];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const pause = () =>
  new Promise((r) => setTimeout(r, THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0])));
const operationBody = (top: number) => ({
  schemaVersion: 1,
  action: 'query',
  entitySet: 'CustomersV3',
  select: ['CustomerAccount', 'OrganizationName'],
  top,
});

/**
 * One API client until `stop`: browses components, revisions, executions and entity sets; a designer
 * also creates, edits (its own, and the shared ones others edit at the same time) and deletes.
 * Wrong answers are recorded by the session as failures; answers are checked for what was asked.
 */
export async function runClient(
  session: ApiSession,
  designer: boolean,
  world: LoadWorld,
  stop: () => boolean,
): Promise<void> {
  const own: { id: string; etag: string }[] = [];
  let executionIds: string[] = [];
  const reads: (() => Promise<unknown>)[] = [
    async () => {
      const res = await session.get(
        'list components',
        `/api/components?limit=50&offset=${Math.floor(Math.random() * 200)}`,
      );
      expectList(session, res?.json, 'items');
    },
    async () => {
      const n = String(Math.floor(Math.random() * 100)).padStart(2, '0');
      const res = await session.get(
        'search components',
        `/api/components?type=operation&search=${encodeURIComponent(`item ${n}`)}`,
      );
      const items = expectList(session, res?.json, 'items') as { name: string }[] | undefined;
      const stray = items?.find((c) => !c.name.toLowerCase().includes(`item ${n}`));
      if (stray) session.fail(`search for "item ${n}" answered ${stray.name}`);
    },
    async () => {
      const id = pick(world.stableIds);
      const res = await session.get('get component', `/api/components/${id}`);
      if (res && (res.json as { id: string }).id !== id) session.fail(`GET component ${id} answered another`);
    },
    async () => {
      const res = await session.get('revisions', `/api/components/${pick(world.stableIds)}/revisions`);
      expectList(session, res?.json, 'items');
    },
    async () => {
      const res = await session.get('list executions', '/api/executions?limit=20');
      const items = expectList(session, res?.json, 'items') as { id: string }[] | undefined;
      if (items?.length) executionIds = items.map((e) => e.id);
    },
    async () => {
      if (executionIds.length === 0) return;
      const id = pick(executionIds);
      const res = await session.get('execution detail', `/api/executions/${id}`);
      if (res && (res.json as { id: string }).id !== id) session.fail(`GET execution ${id} answered another`);
    },
    async () => {
      const res = await session.get(
        'entity sets',
        `/api/connections/${world.connectionId}/entity-sets?search=Cust&limit=20`,
      );
      expectList(session, res?.json, 'items');
    },
    async () => {
      const set = pick(ENTITY_SETS);
      await session.get(
        'entity-set profile',
        `/api/connections/${world.connectionId}/entity-sets/${set}/profile`,
      );
    },
  ];
  const edits: (() => Promise<unknown>)[] = [
    async () => {
      if (own.length >= OWN_MAX) return deleteOwn(session, own);
      const res = await session.call('write', 'create component', 'POST', '/api/components', [201], {
        body: { type: 'operation', name: `Client ${session.email} ${own.length}`, body: operationBody(1) },
      });
      if (res) own.push({ id: (res.json as { id: string }).id, etag: res.etag! });
    },
    async () => {
      const mine = own.length > 0 ? pick(own) : undefined;
      if (!mine) return;
      // No one else edits a client's own components: anything but 200 is wrong.
      const res = await session.call('write', 'update own', 'PUT', `/api/components/${mine.id}`, [200], {
        body: { body: operationBody(1 + Math.floor(Math.random() * 100)) },
        headers: { 'if-match': mine.etag },
      });
      if (res) mine.etag = res.etag!;
    },
    async () => {
      const id = pick(world.stableIds.slice(0, 10));
      const read = await session.get('get component', `/api/components/${id}`);
      if (!read) return;
      await session.call('write', 'update shared', 'PUT', `/api/components/${id}`, [200, 412], {
        body: { description: `edited by ${session.email}` },
        headers: { 'if-match': read.etag! },
      });
    },
    () => deleteOwn(session, own),
  ];
  while (!stop()) {
    await pause();
    const action = designer && Math.random() < 0.35 ? pick(edits) : pick(reads);
    await action();
  }
  while (own.length > 0) await deleteOwn(session, own);
}

async function deleteOwn(session: ApiSession, own: { id: string; etag: string }[]): Promise<void> {
  const oldest = own.shift();
  if (!oldest) return;
  await session.call('write', 'delete own', 'DELETE', `/api/components/${oldest.id}`, [204], {
    headers: { 'if-match': oldest.etag },
  });
}

function expectList(session: ApiSession, json: unknown, field: string): unknown[] | undefined {
  if (json === undefined) return undefined;
  const list = (json as Record<string, unknown>)[field];
  if (!Array.isArray(list)) {
    session.fail(`expected a list in "${field}", got ${JSON.stringify(json).slice(0, 200)}`);
    return undefined;
  }
  return list;
}
