import type { HttpOptions } from '../http/http-stack.js';
import type { RetryPolicy } from '../http/retry-policy.js';
import type { AuthConfig, TokenProvider } from '../http/token-provider.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { MetadataModel } from '../metadata/model.js';
import type { Dialect } from '../query/compile-filter.js';

/** How to reach one F&O environment (or another OData v4 service). */
export interface FnoConnectionConfig {
  /** Environment URL, e.g. `https://contoso.operations.dynamics.com` (a trailing slash is ignored). */
  url: string;
  /** Path of the OData service root under `url`. Default `/data` (F&O). */
  odataPath?: string;
  /** Client credentials for Entra ID; the scope is `url` + `/.default`. Omit for a service without auth. */
  auth?: AuthConfig;
  /** Supplies tokens instead of `auth` (tests, managed identity...). */
  tokenProvider?: TokenProvider;
  http?: HttpOptions;
  retry?: Partial<RetryPolicy>;
  /** Most requests in flight (lowered on 429, raised again after successes). Default 8. */
  maxConcurrency?: number;
  /** `fno` (default) or `odata` for a standard OData v4 service. */
  dialect?: Dialect;
  /** Add `cross-company=true` to every read (and key reads). Default false. */
  crossCompany?: boolean;
  /** Namespace of unqualified action names. Default `Microsoft.Dynamics.DataEntities`. */
  actionNamespace?: string;
  /** A shared cache of parsed `$metadata` (e.g. restored from the database). */
  metadataCache?: MetadataCache;
  /**
   * Label texts already asked, shared by the clients of one environment (labels are the same for
   * every connection to it): by language and id, `undefined` for an id the environment does not know.
   */
  labelCache?: LabelCache;
  /** URLs inside `$batch` parts: `relative` to the service root (default) or `absolute`. */
  batchUrls?: 'relative' | 'absolute';
  /** A model already parsed, used for keys and literal types without fetching `$metadata`. */
  metadata?: MetadataModel;
}

/** See `FnoConnectionConfig.labelCache`. */
export type LabelCache = Map<string, Promise<string | undefined>>;
