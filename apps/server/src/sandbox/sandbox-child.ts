/**
 * The local D365 sandbox, in a process of its own so it never slows the server. It answers its URLs
 * as one JSON line on stdout and stops when its parent goes away (stdin closes), even after kill -9.
 */
import { startSandbox } from '@flowline/d365-sandbox';

const port = Number(process.argv[2] ?? 4010);
try {
  const sandbox = await startSandbox({ port, https: true });
  process.stdout.write(
    `${JSON.stringify({ url: sandbox.url, tenant: sandbox.tenant, authority: sandbox.authority, caCertPath: sandbox.caCertPath, clients: sandbox.clients })}\n`,
  );
  const stop = () => void sandbox.stop().finally(() => process.exit(0));
  process.on('SIGINT', () => {});
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
} catch (e) {
  process.stdout.write(
    `${JSON.stringify({ error: (e as NodeJS.ErrnoException).code ?? (e as Error).message })}\n`,
  );
  process.exit(1);
}
