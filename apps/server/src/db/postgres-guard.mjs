// Runs PostgreSQL as its child and stops it as soon as the process that started this guard goes away,
// however it goes (Ctrl-C, a crash, kill -9): the guard's stdin is a pipe from that process, and the
// pipe closes when it dies. Arguments: the postgres binary and its arguments. Settings (uid, gid, log
// file) come in FLOWLINE_PG_GUARD as JSON.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

const [bin, ...args] = process.argv.slice(2);
const { uid, gid, logFile } = JSON.parse(process.env.FLOWLINE_PG_GUARD ?? '{}');
const out = logFile ? openSync(logFile, 'a') : 'ignore';
const pg = spawn(bin, args, {
  stdio: ['ignore', out, out],
  env: { ...process.env, LC_ALL: 'C', FLOWLINE_PG_GUARD: '' },
  ...(uid === undefined ? {} : { uid, gid }),
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  pg.kill('SIGINT'); // PostgreSQL's "fast" shutdown: roll back open transactions, then exit cleanly
  setTimeout(() => pg.kill('SIGQUIT'), 20_000).unref();
}

// The terminal's Ctrl-C reaches us too; we stop only through our parent or its disappearance.
process.on('SIGINT', () => {});
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
process.stdin.on('data', (d) => d.toString().includes('stop') && stop());
process.stdin.on('end', stop);
process.stdin.on('error', stop);
pg.on('error', (e) => {
  process.stderr.write(`postgres could not start: ${e.message}\n`);
  process.exit(1);
});
pg.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
