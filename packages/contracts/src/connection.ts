import { type Static, Type } from 'typebox';

/**
 * A secret field. Write a string to set or replace it, `{ "set": true }` to keep it, `null` to clear
 * it. The API only ever answers `{ "set": true | false }`: secret values never leave the server.
 */
export const SecretField = Type.Union([
  Type.String({ minLength: 1, maxLength: 20_000, description: 'the new value (write-only)' }),
  Type.Object({ set: Type.Boolean() }, { additionalProperties: false }),
  Type.Null(),
]);
export type SecretField = string | { set: boolean } | null;

/** JSON pointers of the secret fields of a connection body. */
export const connectionSecretFields = ['/auth/clientSecret', '/auth/privateKey', '/proxy/password'] as const;

const Host = Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$' });
const Tenant = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' });

export const ConnectionAuth = Type.Union([
  Type.Object({ kind: Type.Literal('none') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('clientSecret'),
      tenant: Tenant,
      clientId: Type.String({ minLength: 1, maxLength: 100 }),
      clientSecret: Type.Optional(SecretField),
      authorityHost: Type.Optional(Host),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('certificate'),
      tenant: Tenant,
      clientId: Type.String({ minLength: 1, maxLength: 100 }),
      /** The public certificate (PEM); not a secret. */
      certificate: Type.String({ minLength: 1, maxLength: 20_000 }),
      privateKey: Type.Optional(SecretField),
      authorityHost: Type.Optional(Host),
    },
    { additionalProperties: false },
  ),
]);

/** Everything but the version is optional, so unfinished work can be saved; a test or a run says what is missing. */
export const ConnectionBody = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    /** Environment URL, e.g. `https://contoso.operations.dynamics.com`; the OData root is `/data` below it. */
    serviceUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 })),
    auth: Type.Optional(ConnectionAuth),
    proxy: Type.Optional(
      Type.Object(
        {
          url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
          username: Type.Optional(Type.String({ maxLength: 200 })),
          password: Type.Optional(SecretField),
          noProxy: Type.Optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100 })),
        },
        { additionalProperties: false },
      ),
    ),
    timeouts: Type.Optional(
      Type.Object(
        {
          connectMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
          responseMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Most requests in flight to this environment (F&O refuses more than 52 a user). */
    maxConcurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
    /** The company (`dataAreaId`) used when an operation names none, e.g. `usmf`. */
    defaultLegalEntity: Type.Optional(Type.String({ minLength: 1, maxLength: 8 })),
    /** The language F&O's field labels are said in (its language codes: `en-us`, `de`, `fr-ca`). */
    labelLanguage: Type.Optional(
      Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 }),
    ),
    /** `fno` for Finance and Operations; `odata` for another OData v4 service. */
    dialect: Type.Optional(Type.Union([Type.Literal('fno'), Type.Literal('odata')])),
  },
  { additionalProperties: false },
);
export type ConnectionBody = Static<typeof ConnectionBody>;
