import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSsoConfig } from './sso-config.js';

const base = {
  FLOWLINE_SSO_CLIENT_ID: 'app-id',
  FLOWLINE_SSO_CLIENT_SECRET: 's3cret',
  FLOWLINE_SSO_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

describe('FLOWLINE_SSO_* configuration', () => {
  it('is off without a client id, and says so when other SSO variables are set', () => {
    expect(readSsoConfig({})).toBeUndefined();
    expect(() => readSsoConfig({ FLOWLINE_SSO_TENANT_ID: 't' })).toThrow(
      'FLOWLINE_SSO_TENANT_ID set but FLOWLINE_SSO_CLIENT_ID is not: set it to turn single sign-on on.',
    );
  });

  it('defaults to the public cloud with the tenant appended, and takes a full authority as it is', () => {
    expect(readSsoConfig(base)).toEqual({
      clientId: 'app-id',
      clientSecret: 's3cret',
      tenantId: base.FLOWLINE_SSO_TENANT_ID,
      authority: `https://login.microsoftonline.com/${base.FLOWLINE_SSO_TENANT_ID}`,
      redirectUri: undefined,
      defaultRole: undefined,
      ca: undefined,
    });
    const sandbox = readSsoConfig({
      ...base,
      FLOWLINE_SSO_TENANT_ID: 'sandbox',
      FLOWLINE_SSO_AUTHORITY: 'https://127.0.0.1:4011/sandbox/',
      FLOWLINE_SSO_REDIRECT_URI: 'https://flowline.example/api/auth/sso/callback',
      FLOWLINE_SSO_DEFAULT_ROLE: 'operator',
    });
    expect(sandbox).toMatchObject({
      authority: 'https://127.0.0.1:4011/sandbox',
      redirectUri: 'https://flowline.example/api/auth/sso/callback',
      defaultRole: 'operator',
    });
  });

  it('reads an extra CA file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sso-ca-')), 'ca.pem');
    writeFileSync(file, '-----BEGIN CERTIFICATE-----\n');
    expect(readSsoConfig({ ...base, FLOWLINE_SSO_CA_FILE: file })?.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(() => readSsoConfig({ ...base, FLOWLINE_SSO_CA_FILE: `${file}.missing` })).toThrow(
      /FLOWLINE_SSO_CA_FILE ".*ca\.pem\.missing" cannot be read/,
    );
  });

  it('refuses each bad value with the variable at fault', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ FLOWLINE_SSO_CLIENT_SECRET: '' }, /needs FLOWLINE_SSO_CLIENT_SECRET as well/],
      [{ FLOWLINE_SSO_TENANT_ID: 'common' }, /FLOWLINE_SSO_TENANT_ID must be your tenant's id, not "common"/],
      [
        { FLOWLINE_SSO_AUTHORITY: 'http://login.example' },
        /FLOWLINE_SSO_AUTHORITY "http:\/\/login.example" must use https/,
      ],
      [{ FLOWLINE_SSO_AUTHORITY: 'not a url' }, /FLOWLINE_SSO_AUTHORITY "not a url" is not a URL/],
      [
        { FLOWLINE_SSO_REDIRECT_URI: '/api/auth/sso/callback' },
        /FLOWLINE_SSO_REDIRECT_URI .* is not an absolute/,
      ],
      [
        { FLOWLINE_SSO_DEFAULT_ROLE: 'admin' },
        /FLOWLINE_SSO_DEFAULT_ROLE "admin" must be one of viewer, operator, designer/,
      ],
    ];
    for (const [change, message] of bad) expect(() => readSsoConfig({ ...base, ...change })).toThrow(message);
  });
});
