/**
 * `pnpm sandbox`: starts a local D365 F&O environment and prints how to connect to it.
 */
import { HELP, parseCliOptions, UsageError } from './cli-options.js';
import { startSandbox } from './sandbox.js';

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliOptions>;
  try {
    parsed = parseCliOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`d365-sandbox: ${err.message} Run with --help for the options.`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(HELP);
    return;
  }
  const started = Date.now();
  const sb = await startSandbox(parsed.options);
  const { registered, unregistered } = sb.clients;
  console.log(`D365 F&O sandbox ready in ${Date.now() - started} ms (metadata: ${parsed.options.metadata}, seed: ${parsed.options.seed})
  environment URL : ${sb.url}${sb.httpsUrl ? `\n  HTTPS URL       : ${sb.httpsUrl}` : ''}
  OData root      : ${sb.odataUrl}
  token authority : ${sb.authority}   (tenant '${sb.tenant}')
  token endpoint  : ${sb.authority}/oauth2/v2.0/token   scope: ${sb.url}/.default${sb.caCertPath ? `\n  CA certificate  : ${sb.caCertPath}   (e.g. NODE_EXTRA_CA_CERTS=${sb.caCertPath})` : ''}
  client          : ${registered.clientId} / ${registered.secret}   (default company ${registered.defaultCompany})
  not in F&O (403): ${unregistered.clientId} / ${unregistered.secret}
  admin           : ${sb.url}/_sandbox/{reset,count/<Set>,dump/<Set>,config,counters}
Press Ctrl+C to stop.`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox.`);
    sb.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: Error & { code?: string; port?: number }) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`d365-sandbox: port ${err.port ?? ''} is already in use; choose another with --port.`);
    process.exit(2);
  }
  console.error(`d365-sandbox: ${err.message}`);
  process.exit(1);
});
