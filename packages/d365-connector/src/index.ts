/** Dynamics 365 Finance and Operations OData v4 connector: metadata, profiles, queries, reads, writes, batch. */

export type { BatchOperation, BatchOptions, BatchResult } from './client/batch.js';
export type { FnoConnectionConfig, LabelCache } from './client/config.js';
export { createFnoClient, type FnoClient } from './client/fno-client.js';
export { rewriteNextLink } from './client/next-link.js';
export type { GetOptions, Page, ReadOptions } from './client/reads.js';
export type { TrackedRecord } from './client/tracked.js';
export type { ActionOptions, DeleteResult, IfMatchMode, WriteOptions } from './client/writes.js';
export {
  AuthenticationError,
  ConcurrencyError,
  FnoError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  type RequestContext,
  redactUrl,
  ThrottledError,
  TimeoutError,
  UncertainOutcomeError,
  UnexpectedResponseError,
  ValidationError,
} from './http/errors.js';
export { createDispatcher, type HttpOptions, type ProxyConfig } from './http/http-stack.js';
export { DEFAULT_RETRY, parseRetryAfter, type RetryPolicy } from './http/retry-policy.js';
export {
  type AuthConfig,
  createMsalTokenProvider,
  networkClientFor,
  scopeFor,
  type TokenProvider,
} from './http/token-provider.js';
export { MetadataCache } from './metadata/metadata-cache.js';
export { MetadataParseError } from './metadata/metadata-error.js';
export type * from './metadata/model.js';
export { type MetadataInput, parseMetadata, parseMetadataSync } from './metadata/parse-metadata.js';
export type { EnumMember, FieldKind, Profile, ProfileField } from './profile/profile-types.js';
export { toProfile, UnknownEntityError } from './profile/to-profile.js';
export { buildQueryUrl, type ExpandItem, type QueryOptions } from './query/build-query-url.js';
export { type CompileOptions, compileFilter, type Dialect } from './query/compile-filter.js';
export { edm, encodeLiteral, type LiteralValue, type TypedValue } from './query/edm-literal.js';
export {
  and,
  type ComparisonOp,
  contains,
  endsWith,
  eq,
  type FilterNode,
  ge,
  gt,
  isIn,
  le,
  lt,
  ne,
  not,
  or,
  startsWith,
} from './query/filter-ast.js';
export { type EntityKey, formatKey, type KeySpec } from './query/format-key.js';
export { QueryBuildError } from './query/query-error.js';
