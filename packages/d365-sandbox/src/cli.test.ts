import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError } from './cli-options.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe('CLI options', () => {
  it('keeps the documented defaults', () => {
    const { options } = parseCliOptions([]);
    expect(options).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      https: false,
      metadata: 'standard',
      seed: 1,
    });
  });

  it('parses latency ranges, faults and limits', () => {
    const { options } = parseCliOptions([
      '--latency',
      '20-80',
      '--rate-429',
      '0.1',
      '--limits',
      '--metadata',
      'full',
      '--https',
    ]);
    expect(options.latency).toEqual([20, 80]);
    expect(options.faults?.rate429).toBe(0.1);
    expect(options.limits?.enabled).toBe(true);
    expect(options.metadata).toBe('full');
    expect(options.https).toBe(true);
  });

  it('parses --seed-companies and names an unknown one', () => {
    expect(parseCliOptions(['--seed-companies', 'usmf,USRT']).options.seedCompanies).toEqual([
      'usmf',
      'usrt',
    ]);
    expect(parseCliOptions([]).options.seedCompanies).toBeUndefined();
    expect(() => parseCliOptions(['--seed-companies', 'usmf,nope'])).toThrow("got 'nope'.");
  });

  it('refuses bad values with one sentence', () => {
    expect(() => parseCliOptions(['--rate-503', '2'])).toThrow(UsageError);
    expect(() => parseCliOptions(['--port', 'x'])).toThrow("--port must be an integer >= 0, got 'x'.");
  });

  it('exits 2 with one clear sentence on a bad option', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--nope'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe("d365-sandbox: Unknown option '--nope'. Run with --help for the options.");
  }, 20000);

  it('starts, prints its URLs and credentials, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Press Ctrl+C')) resolve();
      });
      child.on('exit', () => reject(new Error(`CLI exited early: ${out}`)));
    });
    expect(out).toMatch(/environment URL : http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain('flowline-demo / flowline-demo-secret');
    expect(out).toContain('unregistered-app / unregistered-secret');
    const url = /environment URL : (\S+)/.exec(out)![1]!;
    expect((await fetch(`${url}/data`)).status).toBe(401);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  }, 30000);
});
