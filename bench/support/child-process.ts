import { type ChildProcess, spawn } from 'node:child_process';

const children: ChildProcess[] = [];
// Never leave a server behind, even when a bench fails half-way.
process.on('exit', () => {
  for (const p of children) p.kill();
});

/**
 * Runs `code` (an ES module, TypeScript through tsx) in its own process, so a server under test
 * never shares a core's event loop with the client measuring it; answers its first stdout line.
 */
export function child(code: string): Promise<{ proc: ChildProcess; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ proc, line: out.slice(0, nl) });
    });
    proc.on('exit', (c) => reject(new Error(`server process exited with ${c}`)));
  });
}
