import type { CertificateBundle } from './auth/certificates.js';

export type { CountResult, RuntimeConfig, SandboxAdmin } from './admin/admin.js';
export type { ClientInput } from './auth/clients.js';
export { DEMO_CLIENTS } from './auth/clients.js';
export { DEMO_USERS, type TestUser } from './auth/test-users.js';
export { TENANT } from './auth/token-service.js';
export { DEFAULT_PORT, parseCliOptions } from './cli-options.js';
export type { FaultOptions, LimitOptions } from './faults/faults.js';
export { MAX_BATCH_OPERATIONS } from './http/batch.js';
export type { MetadataMode } from './metadata/metadata-cache.js';
export { type Sandbox, type SandboxOptions, startSandbox } from './sandbox.js';
export type { CompatOptions, Counters } from './state.js';
export { COMPANIES, DEFAULT_SEED_SIZE, type SeedSize } from './store/seed.js';
export type { CertificateBundle };

/** Generates a self-signed client certificate (PEM, thumbprints) for certificate-based client credentials. */
export async function generateClientCertificate(commonName?: string): Promise<CertificateBundle> {
  // Loaded on demand: the X.509 library costs start-up time that plain HTTP does not need.
  const { generateClientCertificate: generate } = await import('./auth/certificates.js');
  return generate(commonName);
}
