import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// The journeys run against the built Flowline (`pnpm build`) on its own port and a fresh data folder.
const port = Number(process.env.E2E_PORT ?? 3170);
const dataDir = mkdtempSync(join(tmpdir(), 'flowline-e2e-'));
/** The local F&O sandbox (HTTP; its token authority listens on the next port, HTTPS). */
export const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const adminEmail = 'admin@flowline.test';
export const adminPassword = 'e2e admin password';

export default defineConfig({
  testDir: './journeys',
  outputDir: './test-results',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node ../apps/server/dist/main.mjs --port ${port} --data-dir ${dataDir}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      FLOWLINE_ADMIN_EMAIL: adminEmail,
      FLOWLINE_ADMIN_PASSWORD: adminPassword,
      FLOWLINE_LOG_LEVEL: 'warn',
      // A fixed port so journeys can point a connection at the sandbox the server starts.
      FLOWLINE_SANDBOX_PORT: String(sandboxPort),
    },
    gracefulShutdown: { signal: 'SIGINT', timeout: 15_000 },
  },
});
