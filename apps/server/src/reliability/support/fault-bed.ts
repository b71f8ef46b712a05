import { readFileSync } from 'node:fs';
import { type Sandbox, startSandbox } from '@flowline/d365-sandbox';
import { buildApp } from '../../app.js';
import { SECRET_KEY } from '../../executions/test-fixtures.js';
import { signIn } from '../../test/sign-in.js';
import { testDb } from '../../test/test-db.js';

/**
 * A sandbox over HTTPS seeded with `records` usmf customers, and an app with its queue and worker on
 * its own database copy, trusting the sandbox. Only usmf gets the full size (`seedCompanies`), so
 * 50,000 customers fit in the test process.
 */
export async function faultBed(records: number) {
  const sandbox: Sandbox = await startSandbox({
    port: 0,
    https: true,
    seedSize: { CustomersV3: records },
    seedCompanies: ['usmf'],
  });
  const { db, url, drop } = await testDb();
  const app = await buildApp({
    db,
    version: 'test',
    secretKey: SECRET_KEY,
    connectionDefaults: { ca: [readFileSync(sandbox.caCertPath!, 'utf8')], allowedHosts: ['127.0.0.1'] },
  });
  await app.executions.start({ databaseUrl: url, worker: true, runner: { heartbeatMs: 1000 } });
  const designer = await signIn(app, db, 'designer');
  const operator = await signIn(app, db, 'operator');
  return {
    sandbox,
    app,
    db,
    designer,
    operator,
    close: async () => {
      await app.close();
      await drop();
      await sandbox.stop();
    },
  };
}

export type FaultBed = Awaited<ReturnType<typeof faultBed>>;
