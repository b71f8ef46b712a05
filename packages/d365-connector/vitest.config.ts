import { defineProject } from 'vitest/config';

// Integration tests start real servers (sandbox, SAP CAP) and share 2 cores: allow slow starts.
export default defineProject({ test: { name: 'd365-connector', testTimeout: 30_000, hookTimeout: 60_000 } });
