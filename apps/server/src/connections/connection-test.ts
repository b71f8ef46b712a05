import type { ConnectionTestResult, ConnectionTestStep } from '@flowline/contracts';
import {
  AuthenticationError,
  createDispatcher,
  createFnoClient,
  createMsalTokenProvider,
  type FnoConnectionConfig,
  ForbiddenError,
  type MetadataModel,
  NetworkError,
  NotFoundError,
  TimeoutError,
} from '@flowline/d365-connector';

/** A plain sentence a person can act on, for a failed step. */
export function explain(error: unknown, config: FnoConnectionConfig): string {
  const host = new URL(config.url).host;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AuthenticationError) {
    if (/AADSTS700016|application .* not found|unauthorized_client/i.test(message)) {
      return 'Entra ID does not know this client id in this tenant: check the tenant and the client id.';
    }
    if (/AADSTS90002|tenant .* not found|endpoints_resolution_error|ENOTFOUND|ECONNREFUSED/i.test(message)) {
      return 'The tenant or the authority host cannot be found: check the tenant and the authority host.';
    }
    return 'Entra ID refused the client credentials: check the client secret (it may have expired) or the certificate.';
  }
  if (error instanceof ForbiddenError) {
    return 'F&O does not let this app in: register the client id under System administration > Setup > Microsoft Entra ID applications, linked to a user with access.';
  }
  if (error instanceof NotFoundError)
    return `No OData service answers at ${config.url}/data: check the service URL.`;
  if (error instanceof TimeoutError)
    return `${host} did not answer in time: check the service URL, or raise the timeouts.`;
  if (error instanceof NetworkError) {
    // The server's host policy, judged as the connection was made: its message says what to do.
    if (error.code === 'EHOSTREFUSED' && error.reason) return error.reason;
    if (/407|proxy/i.test(message))
      return 'The proxy refused the request: check the proxy URL, user and password.';
    return `${host} cannot be reached: check the service URL, the network, or the proxy.`;
  }
  return `The service answered something unexpected: ${message.split('\n')[0]}`;
}

async function timed<T>(
  step: ConnectionTestStep['step'],
  run: () => Promise<T>,
  describe: (value: T) => string,
  config: FnoConnectionConfig,
) {
  const started = performance.now();
  try {
    const value = await run();
    return {
      value,
      result: { step, ok: true, ms: Math.round(performance.now() - started), detail: describe(value) },
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      value: undefined,
      result: {
        step,
        ok: false,
        ms: Math.round(performance.now() - started),
        detail,
        explanation: explain(error, config),
      },
    };
  }
}

/** The entity set read by the third step: customers when the service has them, else the first set keyed by company. */
function probeSet(model: MetadataModel): string | undefined {
  if (model.entitySets.CustomersV3) return 'CustomersV3';
  const sets = Object.values(model.entitySets).filter((s) => !s.singleton);
  const byCompany = sets.find((s) => model.entityTypes[s.entityType]?.key?.includes('dataAreaId'));
  return (byCompany ?? sets[0])?.name;
}

/**
 * Tests a connection the way a run uses it: a token, `$metadata`, then one record of the default
 * legal entity. Each step answers its outcome and time; a failed step stops the ones after it.
 */
export async function testConnection(
  config: FnoConnectionConfig,
  legalEntity: string | undefined,
): Promise<{
  result: ConnectionTestResult;
  model?: MetadataModel;
}> {
  const steps: ConnectionTestStep[] = [];
  const dispatcher = createDispatcher(config.http);
  const tokens = config.auth ? createMsalTokenProvider(config.auth, config.url, dispatcher) : undefined;
  const client = createFnoClient({ ...config, ...(tokens ? { tokenProvider: tokens } : {}) });
  try {
    if (tokens) {
      const token = await timed(
        'token',
        () => tokens.getToken(),
        () => 'Entra ID issued a token.',
        config,
      );
      steps.push(token.result);
      if (!token.result.ok) return { result: { ok: false, steps } };
    }
    const metadata = await timed(
      'metadata',
      () => client.metadata({ refresh: true }),
      (m) =>
        `${Object.keys(m.entitySets).length} entity sets, ${Object.keys(m.entityTypes).length} entity types.`,
      config,
    );
    steps.push(metadata.result);
    if (!metadata.value) return { result: { ok: false, steps } };
    const set = probeSet(metadata.value);
    if (!set) {
      steps.push({
        step: 'record',
        ok: false,
        ms: 0,
        detail: 'The service has no entity set.',
        explanation: 'Check the service URL.',
      });
      return { result: { ok: false, steps }, model: metadata.value };
    }
    const keyed =
      metadata.value.entityTypes[metadata.value.entitySets[set]!.entityType]?.key?.includes('dataAreaId');
    const record = await timed(
      'record',
      async () => {
        const options =
          legalEntity && keyed
            ? {
                top: 1,
                crossCompany: true,
                filter: { op: 'eq' as const, path: 'dataAreaId', value: legalEntity },
              }
            : { top: 1 };
        for await (const page of client.queryPages(set, options)) return page.records.length;
        return 0;
      },
      (n) =>
        n > 0
          ? `Read a record of ${set}${legalEntity && keyed ? ` in ${legalEntity}` : ''}.`
          : `${set} answered, with no record${legalEntity ? ` in ${legalEntity}` : ''}.`,
      config,
    );
    steps.push(record.result);
    return { result: { ok: steps.every((s) => s.ok), steps }, model: metadata.value };
  } finally {
    await client.close();
    await dispatcher.close();
  }
}
