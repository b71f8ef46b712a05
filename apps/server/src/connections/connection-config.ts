import { createHash, X509Certificate } from 'node:crypto';
import { type ConnectionBody, connectionDefaults } from '@flowline/contracts';
import type { FnoConnectionConfig } from '@flowline/d365-connector';
import { HttpProblem } from '../errors/problem.js';

/** What the server adds to every connection: CA certificates it trusts (e.g. the local sandbox's). */
export interface ConnectionDefaults {
  ca?: string[];
  /** Hosts that connections may reach besides public ones; default: FLOWLINE_ALLOWED_HOSTS. */
  allowedHosts?: string[];
}

/**
 * Turns a stored connection (body and its secrets, by JSON pointer) into the connector's config.
 * A connection missing what it needs gets a 422 naming the field.
 */
export function toConnectorConfig(
  name: string,
  body: ConnectionBody,
  secrets: Map<string, string>,
  defaults: ConnectionDefaults = {},
): FnoConnectionConfig {
  const missing = (field: string, what: string) =>
    new HttpProblem(
      422,
      'Unprocessable Content',
      `Connection "${name}" has no ${what}: set ${field} first.`,
      {
        errors: [{ path: `/body${field}`, message: `is required to connect` }],
      },
    );
  if (!body.serviceUrl) throw missing('/serviceUrl', 'service URL');
  const config: FnoConnectionConfig = {
    url: body.serviceUrl,
    dialect: body.dialect ?? 'fno',
    maxConcurrency: body.maxConcurrency ?? connectionDefaults.maxConcurrency,
    http: {
      connectTimeoutMs: body.timeouts?.connectMs ?? connectionDefaults.connectMs,
      responseTimeoutMs: body.timeouts?.responseMs ?? connectionDefaults.responseMs,
      ...(defaults.ca?.length ? { ca: defaults.ca } : {}),
      ...(body.proxy
        ? {
            proxy: {
              url: body.proxy.url,
              username: body.proxy.username,
              password: secrets.get('/proxy/password'),
              noProxy: body.proxy.noProxy,
            },
          }
        : {}),
    },
  };
  const auth = body.auth;
  if (!auth) throw missing('/auth', 'authentication');
  if (auth.kind === 'clientSecret') {
    const clientSecret = secrets.get('/auth/clientSecret');
    if (!clientSecret) throw missing('/auth/clientSecret', 'client secret');
    config.auth = {
      tenantId: auth.tenant,
      clientId: auth.clientId,
      clientSecret,
      ...(auth.authorityHost ? { authorityHost: `https://${auth.authorityHost}` } : {}),
    };
  } else if (auth.kind === 'certificate') {
    const privateKey = secrets.get('/auth/privateKey');
    if (!privateKey) throw missing('/auth/privateKey', 'private key');
    let der: Buffer;
    try {
      der = new X509Certificate(auth.certificate).raw;
    } catch {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        `The certificate of connection "${name}" is not a PEM certificate.`,
        {
          errors: [{ path: '/body/auth/certificate', message: 'is not a PEM certificate' }],
        },
      );
    }
    config.auth = {
      tenantId: auth.tenant,
      clientId: auth.clientId,
      certificate: {
        privateKey,
        thumbprintSha256: createHash('sha256').update(der).digest('hex'),
        x5c: auth.certificate,
      },
      ...(auth.authorityHost ? { authorityHost: `https://${auth.authorityHost}` } : {}),
    };
  }
  return config;
}
