import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearZombieLock } from './stale-lock.js';

const lockIn = (pid: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'flowline-lock-'));
  writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n/some/dir\n`);
  return dir;
};

const parents: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) p.kill('SIGKILL');
});

/** A zombie: a short child of a process that never waits for its children. */
async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0.05 & exec sleep 30'], { stdio: 'ignore' });
  parents.push(parent);
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim();
    const pid = Number(children.split(' ')[0]);
    if (pid && readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) return pid;
  }
  throw new Error('no zombie appeared');
}

describe.runIf(process.platform === 'linux')('clearZombieLock', () => {
  it('removes a lock whose postmaster is a zombie that no one reaps', async () => {
    const dir = lockIn(await zombie());
    expect(await clearZombieLock(dir, 100)).toBe(true);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('keeps the lock of a live process, and does nothing without a lock', async () => {
    const dir = lockIn(process.pid);
    expect(await clearZombieLock(dir, 100)).toBe(false);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true);
    expect(await clearZombieLock(mkdtempSync(join(tmpdir(), 'flowline-lock-')), 100)).toBe(false);
  });
});
