import type { Dispatcher } from 'undici';
import { createDispatcher } from '../http/http-stack.js';
import { DEFAULT_RETRY } from '../http/retry-policy.js';
import { createMsalTokenProvider } from '../http/token-provider.js';
import { Transport } from '../http/transport.js';
import { MetadataCache } from '../metadata/metadata-cache.js';
import type { MetadataModel } from '../metadata/model.js';
import { parseMetadata } from '../metadata/parse-metadata.js';
import type { Profile } from '../profile/profile-types.js';
import { toProfile } from '../profile/to-profile.js';
import type { Dialect } from '../query/compile-filter.js';
import type { FnoConnectionConfig, LabelCache } from './config.js';

/** What every operation of a client shares: the HTTP stack, the service root, the metadata. */
export class ClientCore {
  readonly dispatcher: Dispatcher;
  readonly transport: Transport;
  /** The environment's URL (the service URL without `/data`), without trailing slash. */
  readonly environment: string;
  /** The OData service root, without trailing slash. */
  readonly root: string;
  readonly dialect: Dialect;
  readonly crossCompany: boolean;
  readonly actionNamespace: string;
  readonly cache: MetadataCache;
  private model: MetadataModel | undefined;
  private loading: Promise<MetadataModel> | undefined;
  private readonly profiles = new Map<string, Profile | undefined>();
  /** Label texts by language and id, as asked (see `labelTexts`). */
  readonly labels: LabelCache;

  constructor(readonly config: FnoConnectionConfig) {
    const base = config.url.replace(/\/+$/, '');
    this.environment = base;
    this.root = `${base}${config.odataPath ?? '/data'}`.replace(/\/+$/, '');
    this.dispatcher = createDispatcher(config.http);
    const tokens =
      config.tokenProvider ??
      (config.auth ? createMsalTokenProvider(config.auth, base, this.dispatcher) : undefined);
    this.transport = new Transport(
      this.dispatcher,
      tokens,
      { ...DEFAULT_RETRY, ...config.retry },
      config.maxConcurrency ?? config.http?.maxConnections ?? 8,
    );
    this.dialect = config.dialect ?? 'fno';
    this.crossCompany = config.crossCompany ?? false;
    this.actionNamespace = config.actionNamespace ?? 'Microsoft.Dynamics.DataEntities';
    this.cache = config.metadataCache ?? new MetadataCache();
    this.labels = config.labelCache ?? new Map();
    this.model = config.metadata ?? this.cache.get(this.root);
  }

  /** `$metadata`, parsed once and cached by content hash; `refresh` fetches it again. */
  async metadata(refresh = false): Promise<MetadataModel> {
    if (this.model && !refresh) return this.model;
    this.loading ??= this.fetchMetadata().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async fetchMetadata(): Promise<MetadataModel> {
    const res = await this.transport.send({
      method: 'GET',
      url: `${this.root}/$metadata`,
      headers: { accept: 'application/xml' },
      // Bytes, so that a document that is not UTF-8 is refused where it goes wrong, not read with U+FFFD.
      bytes: true,
    });
    const document = res.bytes ?? Buffer.from(res.body);
    // Parsing is skipped when the document's hash is already known.
    const known = this.cache.get(this.root);
    const model = known
      ? this.cache.parse(this.root, document)
      : await parseMetadata(document).then((m) => {
          this.cache.set(this.root, m);
          return m;
        });
    this.model = model;
    this.profiles.clear();
    return model;
  }

  /** The model if already loaded (never fetches). */
  get loadedModel(): MetadataModel | undefined {
    return this.model;
  }

  /** The profile of an entity set when `$metadata` is loaded: key order and literal types. */
  profileOf(entitySet: string): Profile | undefined {
    if (!this.model) return undefined;
    if (!this.profiles.has(entitySet)) {
      let profile: Profile | undefined;
      try {
        profile = toProfile(this.model, entitySet);
      } catch {
        profile = undefined;
      }
      this.profiles.set(entitySet, profile);
    }
    return this.profiles.get(entitySet);
  }

  /** Closes the connection pool. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
