import {
  type ConnectionBody,
  type ConnectionTestResult,
  connectionDefaults,
  type EntitySetList,
  type OperationBody,
  type Profile,
  type ProfileDrift,
  type ProfileField,
} from '@flowline/contracts';
import {
  createFnoClient,
  type FnoClient,
  type FnoConnectionConfig,
  type LabelCache,
  MetadataParseError,
  toProfile,
  UnknownEntityError,
} from '@flowline/d365-connector';
import { audit } from '../audit/audit.js';
import type { SessionUser } from '../auth/access.js';
import { revealSecrets } from '../components/component-secrets.js';
import type { ComponentsService } from '../components/components.service.js';
import type { SecretBox } from '../components/secrets.js';
import type { Db } from '../db/prisma.js';
import { HttpProblem } from '../errors/problem.js';
import { type ConnectionDefaults, toConnectorConfig } from './connection-config.js';
import { explain, testConnection } from './connection-test.js';
import { HostPolicy } from './host-policy.js';
import { LabelStore } from './label-store.js';
import type { MetadataStore } from './metadata-store.js';
import { labelsFound, withLabels } from './profile-labels.js';

/** Connections at work: tests, `$metadata` browsing, profiles, and the clients runs use. */
export class ConnectionsService {
  private readonly clients = new Map<string, { version: number; client: FnoClient }>();
  /** Label texts by environment: every connection to one environment (and every revision) shares them. */
  private readonly labels = new Map<string, LabelCache>();
  private readonly hosts: HostPolicy;
  private readonly labelStore: LabelStore;

  constructor(
    private readonly db: Db,
    private readonly components: ComponentsService,
    private readonly box: SecretBox,
    private readonly metadata: MetadataStore,
    private readonly defaults: ConnectionDefaults = {},
  ) {
    this.labelStore = new LabelStore(db);
    this.hosts = defaults.allowedHosts
      ? new HostPolicy(defaults.allowedHosts)
      : HostPolicy.fromEnv(process.env);
  }

  /** The connector's config of a stored connection, with its secrets. */
  async config(id: string): Promise<{ config: FnoConnectionConfig; body: ConnectionBody; version: number }> {
    const component = await this.components.get(id);
    if (component.type !== 'connection') {
      throw new HttpProblem(400, 'Bad Request', `Component ${id} is a ${component.type}, not a connection.`);
    }
    const body = component.body as ConnectionBody;
    const secrets = await revealSecrets(this.db, this.box, id);
    const config = toConnectorConfig(component.name, body, secrets, this.defaults);
    await this.hosts.check(config.url, '/serviceUrl');
    if (config.auth?.authorityHost) await this.hosts.check(config.auth.authorityHost, '/auth/authorityHost');
    if (body.proxy) await this.hosts.check(body.proxy.url, '/proxy/url');
    // Judged again as each connection is made, against DNS answers that change after this check.
    config.http = { ...config.http, lookup: this.hosts.lookup };
    return {
      config,
      body,
      version: component.version,
    };
  }

  /** One client per connection revision, kept for reuse (keep-alive pool, token cache). */
  async client(id: string): Promise<FnoClient> {
    const { config, version } = await this.config(id);
    return this.clientFor(id, config, version);
  }

  private async clientFor(id: string, config: FnoConnectionConfig, version: number): Promise<FnoClient> {
    const known = this.clients.get(id);
    if (known?.version === version) return known.client;
    await known?.client.close();
    const stored = await this.metadata.get(config.url);
    const labelCache = this.labels.get(config.url) ?? new Map();
    this.labels.set(config.url, labelCache);
    const client = createFnoClient({
      ...config,
      labelCache,
      ...(stored ? { metadata: stored.model } : {}),
    });
    this.clients.set(id, { version, client });
    return client;
  }

  async test(id: string, user?: SessionUser): Promise<ConnectionTestResult> {
    const { config, body } = await this.config(id);
    const { result, model } = await testConnection(config, body.defaultLegalEntity);
    if (model) await this.metadata.put(config.url, model);
    await audit(this.db, user, 'connection tested', id, { ok: result.ok });
    return result;
  }

  /**
   * The parsed `$metadata` of a connection's service. Browsing is answered from the cache with one
   * read of the component: secrets, the host policy and the network only when it must be fetched.
   */
  private async model(id: string, refresh = false) {
    const component = await this.components.get(id);
    const body = component.type === 'connection' ? (component.body as ConnectionBody) : undefined;
    const cached = refresh || !body?.serviceUrl ? undefined : await this.metadata.get(body.serviceUrl);
    if (cached) return { ...cached, body: body! };
    const { config, body: stored, version } = await this.config(id);
    const client = await this.clientFor(id, config, version);
    try {
      await this.metadata.put(config.url, await client.metadata({ refresh: true }));
    } catch (error) {
      // The service answered, but with a document that is not CSDL: the connection is at fault, not us.
      if (error instanceof MetadataParseError) {
        throw new HttpProblem(
          422,
          'Unprocessable Content',
          `The service's $metadata is invalid: ${error.message}`,
          {
            errors: [{ path: '/body/serviceUrl', message: `answers an invalid $metadata (${error.reason})` }],
          },
        );
      }
      throw new HttpProblem(502, 'Bad Gateway', `Could not read $metadata: ${explain(error, config)}`, {
        cause: error instanceof Error ? error.message.split('\n')[0] : String(error),
      });
    }
    return { ...(await this.metadata.get(config.url))!, body: stored };
  }

  async entitySets(id: string, search = '', limit = 200, refresh = false): Promise<EntitySetList> {
    const { model, entitySets } = await this.model(id, refresh);
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = words.length
      ? entitySets.filter((s) =>
          words.every((w) => `${s.name} ${s.label ?? ''} ${s.entityType}`.toLowerCase().includes(w)),
        )
      : entitySets;
    return { items: matching.slice(0, limit), total: matching.length, metadataHash: model.hash };
  }

  /** `refresh`: from the service's `$metadata` read again, not the one kept. */
  async profile(
    id: string,
    entitySet: string,
    refresh = false,
  ): Promise<{ profile: Profile; metadataHash: string; body: ConnectionBody }> {
    const { model, body } = await this.model(id, refresh);
    if (!model.entitySets[entitySet]) {
      const near = Object.keys(model.entitySets).find((n) => n.toLowerCase() === entitySet.toLowerCase());
      throw new HttpProblem(
        404,
        'Not Found',
        `The service has no entity set "${entitySet}"${near ? ` (names are case-sensitive: did you mean "${near}"?)` : ''}.`,
      );
    }
    try {
      return { profile: toProfile(model, entitySet) as Profile, metadataHash: model.hash, body };
    } catch (e) {
      if (e instanceof UnknownEntityError) throw new HttpProblem(404, 'Not Found', e.message);
      throw e;
    }
  }

  /** The profile with F&O's label ids said in words (`withLabels`); `failed` hears why they could not be. */
  async labelledProfile(
    id: string,
    entitySet: string,
    failed: (error: Error) => void,
    refresh = false,
  ): Promise<{ profile: Profile; metadataHash: string }> {
    const { profile, metadataHash, body } = await this.profile(id, entitySet, refresh);
    const language = (body.labelLanguage ?? connectionDefaults.labelLanguage).toLowerCase();
    const labelled = await withLabels(
      profile,
      (ids) => this.labelTexts(id, body.serviceUrl!, language, ids),
      failed,
    );
    return { profile: labelled, metadataHash };
  }

  /**
   * Label texts from PostgreSQL, those not kept yet from the environment (then kept): a profile whose
   * labels are all known reads no secret and makes no request.
   */
  private async labelTexts(
    id: string,
    serviceUrl: string,
    language: string,
    ids: string[],
  ): Promise<Map<string, string>> {
    const known = await this.labelStore.read(serviceUrl, language, ids);
    const found = new Map<string, string>();
    for (const [labelId, text] of known) if (text !== null) found.set(labelId, text);
    const missing = [...new Set(ids)].filter((labelId) => !known.has(labelId));
    if (missing.length === 0) return found;
    const fetched = await (await this.client(id)).labels(missing, language);
    await this.labelStore.write(
      serviceUrl,
      language,
      new Map(missing.map((labelId) => [labelId, fetched.get(labelId) ?? null])),
    );
    for (const [labelId, text] of fetched) found.set(labelId, text);
    return found;
  }

  /**
   * What changed in the service since an operation's profile snapshot was taken, and the texts of
   * the label ids the snapshot still shows (`failed` hears why they could not be read).
   */
  async drift(operationId: string, failed: (error: Error) => void): Promise<ProfileDrift> {
    const operation = await this.components.get(operationId);
    if (operation.type !== 'operation')
      throw new HttpProblem(400, 'Bad Request', `Component ${operationId} is not an operation.`);
    const body = operation.body as OperationBody;
    if (!body.connectionId || !body.entitySet) {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        'The operation names no connection or entity set yet.',
      );
    }
    const { profile, metadataHash, body: connection } = await this.profile(body.connectionId, body.entitySet);
    const snapshot = body.responseProfile ?? body.requestProfile;
    const before = new Map((snapshot?.fields ?? []).map((f) => [f.name, describe(f)]));
    const after = new Map(profile.fields.map((f) => [f.name, describe(f)]));
    const added = [...after.keys()].filter((k) => !before.has(k));
    const removed = [...before.keys()].filter((k) => !after.has(k));
    const changed = [...after]
      .filter(([k, v]) => before.has(k) && before.get(k) !== v)
      .map(([field, a]) => ({ field, before: before.get(field)!, after: a }));
    const labels = snapshot ? await this.labelsLeft(body.connectionId, connection, snapshot, failed) : {};
    return {
      upToDate: snapshot !== undefined && !added.length && !removed.length && !changed.length,
      metadataHash,
      ...(body.metadataHash ? { snapshotHash: body.metadataHash } : {}),
      added,
      removed,
      changed,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
    };
  }

  /** The texts, known now, of the label ids a snapshot still shows (taken when they were not yet). */
  private async labelsLeft(
    connectionId: string,
    body: ConnectionBody,
    snapshot: Profile,
    failed: (error: Error) => void,
  ): Promise<Record<string, string>> {
    const language = (body.labelLanguage ?? connectionDefaults.labelLanguage).toLowerCase();
    const labelled = await withLabels(
      snapshot,
      (ids) => this.labelTexts(connectionId, body.serviceUrl!, language, ids),
      failed,
    );
    return labelsFound(snapshot, labelled);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.client.close()));
    this.clients.clear();
  }
}

/** A field's shape in one line, to compare snapshots. */
function describe(f: ProfileField): string {
  const size = f.maxLength ? `(${f.maxLength})` : f.precision ? `(${f.precision},${f.scale ?? 0})` : '';
  return `${f.edmType}${size}${f.nullable ? '' : ' not null'}${f.collection ? '[]' : ''}`;
}
