import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The state letter of a process from /proc (`Z` for a zombie), undefined when it is gone or unknown. */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

/**
 * After a kill -9 of the server and its PostgreSQL, the dead postmaster may linger as a zombie until
 * init reaps it (in some containers, never). PostgreSQL takes a zombie for a live postmaster and refuses
 * to start ("lock file already exists"), though a zombie holds no memory and no files. So a lock whose
 * process is a zombie is given `waitMs` to be reaped, then removed. A live process's lock is kept.
 */
export async function clearZombieLock(pgDir: string, waitMs = 5000): Promise<boolean> {
  const lock = join(pgDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const deadline = Date.now() + waitMs;
  while (stateOf(pid) === 'Z') {
    if (Date.now() >= deadline) {
      rmSync(lock, { force: true });
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
