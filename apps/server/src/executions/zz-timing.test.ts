import { it } from 'vitest';
import { copyCustomersProcess, executionsTestBed } from './test-fixtures.js';

it('timing', async () => {
  let t = performance.now();
  const lap = (n: string) => {
    console.log('LAP', n, Math.round(performance.now() - t));
    t = performance.now();
  };
  const bed = await executionsTestBed(2000);
  lap('bed');
  await bed.app.executions.start({ databaseUrl: bed.url, worker: false });
  lap('queue');
  await copyCustomersProcess(bed.sandbox, bed.designer);
  lap('components');
  bed.sandbox.admin.reset();
  lap('reset');
  await bed.close();
  lap('close');
}, 120000);
