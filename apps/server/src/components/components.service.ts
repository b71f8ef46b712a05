import type {
  Component,
  ComponentList,
  ComponentSummary,
  ComponentType,
  CopyComponent,
  CreateComponent,
  ListComponentsQuery,
  OperationAction,
  RevisionList,
  UpdateComponent,
  UsedBy,
} from '@flowline/contracts';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/access.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem, notFound } from '../errors/problem.js';
import type { Prisma } from '../generated/prisma/client.js';
import { migrateBody, referencesOf, validateBody } from './bodies.js';
import { markSecrets, revealSecrets, storeSecrets } from './component-secrets.js';
import { type ComponentRow, summary } from './component-summary.js';
import { getAt, setAt } from './pointers.js';
import type { SecretBox } from './secrets.js';
import { directUsers, indirectUsers } from './used-by.js';

type Tx = Prisma.TransactionClient;

const emptyBodies: Record<ComponentType, Record<string, unknown>> = {
  connection: { schemaVersion: 1 },
  operation: { schemaVersion: 1 },
  map: { schemaVersion: 1, name: '', source: {}, target: {}, rules: [] },
  process: { schemaVersion: 1, name: '', shapes: [], edges: [] },
};

/** Maps and processes carry their name in their body too (the engine and the mapper read it there). */
function named(type: ComponentType, body: Record<string, unknown>, name: string): Record<string, unknown> {
  return type === 'map' || type === 'process' ? { ...body, name } : body;
}

/** The component store: every save is an immutable revision; references and secrets kept beside. */
export class ComponentsService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async list(query: ListComponentsQuery): Promise<ComponentList> {
    const where: Prisma.ComponentWhereInput = {
      ...(query.type ? { type: query.type } : {}),
      ...(query.folderId ? { folderId: query.folderId } : {}),
      ...(query.search ? { name: { contains: query.search, mode: 'insensitive' } } : {}),
    };
    const [rows, total] = await this.db.$transaction([
      this.db.component.findMany({
        where,
        orderBy:
          query.sort === 'changed'
            ? [{ updatedAt: 'desc' }, { id: 'asc' }]
            : [{ name: 'asc' }, { id: 'asc' }],
        take: query.limit ?? 100,
        skip: query.offset ?? 0,
      }),
      this.db.component.count({ where }),
    ]);
    const facts = await this.factsOf(rows.filter((r) => r.type === 'operation' || r.type === 'process'));
    return { items: rows.map((r) => ({ ...summary(r), ...facts.get(r.id) })), total };
  }

  /**
   * What a list says of each operation (its action) and process (whether it takes documents) in its
   * current revision, read inside PostgreSQL: a body holds profile snapshots or a whole graph,
   * hundreds of kilobytes that a list of 500 components must not fetch.
   */
  private async factsOf(
    rows: ComponentRow[],
  ): Promise<Map<string, Pick<ComponentSummary, 'action' | 'takesDocuments'>>> {
    if (rows.length === 0) return new Map();
    const found = await this.db.$queryRaw<
      { id: string; action: OperationAction | null; takesDocuments: boolean }[]
    >`
      SELECT r."componentId" AS id, r.body->>'action' AS action,
        c.type = 'process' AND jsonb_typeof(r.body->'shapes') = 'array' AND EXISTS (
          SELECT 1 FROM jsonb_array_elements(r.body->'shapes') s
          WHERE s->>'kind' = 'start' AND s->'config'->>'mode' = 'documents'
        ) AS "takesDocuments"
      FROM "ComponentRevision" r JOIN "Component" c
        ON c.id = r."componentId" AND c."currentVersion" = r.version
      WHERE c.id = ANY(${rows.map((r) => r.id)}::uuid[])`;
    return new Map(
      found.map((f) => [
        f.id,
        {
          ...(f.action ? { action: f.action } : {}),
          ...(f.takesDocuments ? { takesDocuments: true as const } : {}),
        },
      ]),
    );
  }

  async get(id: string, version?: number, db: Tx | Db = this.db): Promise<Component> {
    // One round trip for the component and the revision asked for (the current one by default).
    const found = await db.component.findUnique({
      where: { id },
      include: {
        revisions: { where: version === undefined ? {} : { version }, orderBy: { version: 'desc' }, take: 1 },
      },
    });
    if (!found) throw notFound(`Component ${id}`);
    const { revisions, ...row } = found;
    const revision = revisions[0];
    if (!revision) throw notFound(`Revision ${version} of component ${id}`);
    const body = await markSecrets(
      db,
      id,
      row.type,
      migrateBody(row.type, revision.body as Record<string, unknown>),
    );
    return {
      ...summary(row),
      name: revision.name,
      description: revision.description,
      version: revision.version,
      body: body as Component['body'],
      createdAt: row.createdAt.toISOString(),
    };
  }

  async create(input: CreateComponent, user?: SessionUser, tx?: Tx, id?: string): Promise<Component> {
    const name = input.name.trim();
    const body = named(input.type, structuredClone(input.body ?? emptyBodies[input.type]), name);
    validateBody(input.type, body);
    const run = async (t: Tx) => {
      const folderId = input.folderId ?? null;
      if (folderId && !(await t.folder.findUnique({ where: { id: folderId } })))
        throw notFound(`Folder ${folderId}`);
      const created = await t.component.create({
        data: {
          ...(id ? { id } : {}),
          type: input.type,
          name,
          description: input.description ?? '',
          folderId,
          currentVersion: 1,
        },
      });
      await this.saveRevision(
        t,
        created.id,
        input.type,
        1,
        name,
        input.description ?? '',
        body,
        user,
        'create',
      );
      await audit(t, user, 'created', created.id, { type: input.type, name });
      return this.get(created.id, undefined, t);
    };
    return tx ? run(tx) : this.db.$transaction(run);
  }

  /**
   * A new component made from `id`'s current revision: same type, description and body, its secrets
   * sealed again for the copy (they are opened and sealed on the server; no answer holds them).
   * Named "<name> (copy)", or "(copy 2)"… when a component of that type already has the name.
   */
  async copy(id: string, input: CopyComponent, user?: SessionUser): Promise<Component> {
    return this.db.$transaction(async (t) => {
      const source = await this.get(id, undefined, t);
      const body = structuredClone(source.body) as Record<string, unknown>;
      for (const [field, value] of await revealSecrets(t, this.box, id))
        if (getAt(body, field) !== undefined) setAt(body, field, value);
      const copy = await this.create(
        {
          type: source.type,
          name: input.name?.trim() || (await this.copyName(t, source.type, source.name)),
          description: source.description,
          folderId: input.folderId === undefined ? source.folderId : input.folderId,
          body: body as Component['body'],
        },
        user,
        t,
      );
      await audit(t, user, 'copied', copy.id, { from: id, version: source.version });
      return copy;
    });
  }

  /**
   * Creates `input` under its name, or under "<name> 2", "<name> 3"… when a component of its type
   * has that name already.
   */
  async createUnique(input: CreateComponent, user?: SessionUser, tx?: Tx): Promise<Component> {
    const run = async (t: Tx) => {
      const name = await this.freeName(t, input.type, input.name, (n) => `${input.name} ${n}`);
      return this.create({ ...input, name }, user, t);
    };
    return tx ? run(tx) : this.db.$transaction(run);
  }

  private copyName(t: Tx, type: ComponentType, name: string): Promise<string> {
    const base = `${name} (copy`.slice(0, 190);
    return this.freeName(t, type, base, (n) => `${base} ${n})`, `${base})`);
  }

  /** The first of `first`, `nth(2)`, `nth(3)`… that no component of `type` has (all start with `base`). */
  private async freeName(
    t: Tx,
    type: ComponentType,
    base: string,
    nth: (n: number) => string,
    first = base,
  ): Promise<string> {
    const taken = new Set(
      (
        await t.component.findMany({ where: { type, name: { startsWith: base } }, select: { name: true } })
      ).map((c) => c.name),
    );
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? first : nth(n);
      if (!taken.has(candidate)) return candidate;
    }
  }

  /**
   * Saves a new revision when `expectedVersion` is still the current one. The row lock makes
   * concurrent saves queue: exactly one wins, the others get 412 with the current revision.
   */
  async update(
    id: string,
    expectedVersion: number,
    input: UpdateComponent,
    user?: SessionUser,
    reason: 'update' | 'restored' | 'imported' = 'update',
    tx?: Tx,
  ) {
    const run = async (t: Tx) => {
      const locked = await t.$queryRaw<{ currentVersion: number }[]>`
        SELECT "currentVersion" FROM "Component" WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound(`Component ${id}`);
      const current = await this.get(id, undefined, t);
      if (current.version !== expectedVersion) {
        throw new HttpProblem(
          412,
          'Precondition Failed',
          `Component ${id} changed since revision ${expectedVersion}: it is at revision ${current.version}.`,
          {
            current,
          },
        );
      }
      const name = input.name?.trim() ?? current.name;
      const description = input.description ?? current.description;
      const folderId = input.folderId === undefined ? current.folderId : input.folderId;
      if (folderId && !(await t.folder.findUnique({ where: { id: folderId } })))
        throw notFound(`Folder ${folderId}`);
      const body = named(
        current.type,
        structuredClone(input.body ?? current.body) as Record<string, unknown>,
        name,
      );
      validateBody(current.type, body);
      const version = current.version + 1;
      await t.component.update({
        where: { id },
        data: { name, description, folderId, currentVersion: version },
      });
      await this.saveRevision(t, id, current.type, version, name, description, body, user, reason);
      await audit(t, user, reason === 'update' ? 'changed' : reason, id, { version });
      return this.get(id, undefined, t);
    };
    return tx ? run(tx) : this.db.$transaction(run);
  }

  async revisions(id: string): Promise<RevisionList> {
    if (!(await this.db.component.findUnique({ where: { id }, select: { id: true } })))
      throw notFound(`Component ${id}`);
    const rows = await this.db.componentRevision.findMany({
      where: { componentId: id },
      orderBy: { version: 'desc' },
      select: { version: true, name: true, createdAt: true, createdById: true, reason: true },
    });
    const users = await this.db.user.findMany({
      where: {
        id: { in: [...new Set(rows.map((r) => r.createdById).filter((u): u is string => Boolean(u)))] },
      },
      select: { id: true, email: true },
    });
    const email = new Map(users.map((u) => [u.id, u.email]));
    return {
      items: rows.map((r) => ({
        version: r.version,
        name: r.name,
        reason: r.reason,
        createdAt: r.createdAt.toISOString(),
        createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
      })),
    };
  }

  /** Makes an older revision current again, as a new revision. */
  async restore(id: string, version: number, expectedVersion: number | undefined, user?: SessionUser) {
    return this.db.$transaction(async (t) => {
      const old = await this.get(id, version, t);
      const expected =
        expectedVersion ?? (await t.component.findUniqueOrThrow({ where: { id } })).currentVersion;
      const body = old.body as Record<string, unknown>;
      return this.update(
        id,
        expected,
        { name: old.name, description: old.description, body: keepSecrets(body) as Component['body'] },
        user,
        'restored',
        t,
      );
    });
  }

  /**
   * The components whose current revision uses `id` (a connection's operations, an operation's maps
   * and processes…), by name: what a change to it may break.
   */
  async usedBy(id: string): Promise<UsedBy> {
    if (!(await this.db.component.findUnique({ where: { id }, select: { id: true } })))
      throw notFound(`Component ${id}`);
    const items = await directUsers(this.db, id);
    return { items, total: items.length, indirect: await indirectUsers(this.db, id, items) };
  }

  /** Deletes a component no other component uses; otherwise 409 with the users. */
  async delete(id: string, expectedVersion: number | undefined, user?: SessionUser): Promise<void> {
    await this.db.$transaction(async (t) => {
      const row = await t.component.findUnique({ where: { id } });
      if (!row) throw notFound(`Component ${id}`);
      if (expectedVersion !== undefined && expectedVersion !== row.currentVersion) {
        throw new HttpProblem(
          412,
          'Precondition Failed',
          `Component ${id} changed: it is at revision ${row.currentVersion}.`,
        );
      }
      const users = await directUsers(t, id);
      if (users.length > 0) {
        throw new HttpProblem(
          409,
          'Conflict',
          `"${row.name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}: change those first.`,
          { usedBy: users },
        );
      }
      await t.component.delete({ where: { id } });
      await audit(t, user, 'deleted', id, { type: row.type, name: row.name });
    });
  }

  private async saveRevision(
    t: Tx,
    id: string,
    type: ComponentType,
    version: number,
    name: string,
    description: string,
    body: Record<string, unknown>,
    user: SessionUser | undefined,
    reason: string,
  ) {
    await storeSecrets(t, this.box, id, type, body);
    await t.componentRevision.create({
      data: {
        componentId: id,
        version,
        name,
        description,
        schemaVersion: Number(body.schemaVersion),
        body: body as Prisma.InputJsonValue,
        createdById: user?.id,
        reason,
      },
    });
    await this.saveReferences(t, id, body);
  }

  /** Checks that every referenced component exists with the right type, and records the references. */
  private async saveReferences(t: Tx, id: string, body: Record<string, unknown>) {
    const refs = referencesOf(body);
    const found = await t.component.findMany({
      where: { id: { in: [...new Set(refs.map((r) => r.id))] } },
      select: { id: true, type: true },
    });
    const types = new Map(found.map((c) => [c.id, c.type]));
    const errors = refs.flatMap((r) => {
      const actual = types.get(r.id);
      if (r.id === id) return [{ path: `/body/body${r.path}`, message: 'refers to the component itself' }];
      if (!actual)
        return [
          { path: `/body/body${r.path}`, message: `refers to component ${r.id}, which does not exist` },
        ];
      if (actual !== r.type)
        return [
          { path: `/body/body${r.path}`, message: `must name a ${r.type}, but ${r.id} is a ${actual}` },
        ];
      return [];
    });
    if (errors.length > 0)
      throw new HttpProblem(400, 'Bad Request', `${errors[0]!.path} ${errors[0]!.message}`, { errors });
    await t.componentReference.deleteMany({ where: { fromId: id } });
    if (refs.length > 0) {
      await t.componentReference.createMany({
        data: refs.map((r) => ({ fromId: id, toId: r.id, path: r.path })),
        skipDuplicates: true,
      });
    }
  }
}

/** A restored body keeps today's secrets: its `{set}` markers become "keep". */
function keepSecrets(body: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body), (_k, v) =>
    v && typeof v === 'object' && 'set' in v && Object.keys(v).length === 1 ? { set: true } : v,
  );
}
