import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies are checked strictly: unknown fields and wrong types are refused, never stripped or coerced.
 * Query strings and path parameters arrive as text, so only they get type coercion.
 */
export function registerValidation(app: FastifyInstance): void {
  const strict = new Ajv({
    allErrors: true,
    removeAdditional: false,
    coerceTypes: false,
    useDefaults: true,
    strict: false,
  });
  const lenient = new Ajv({
    allErrors: true,
    removeAdditional: false,
    coerceTypes: 'array',
    useDefaults: true,
    strict: false,
  });
  for (const ajv of [strict, lenient]) {
    addFormats.default(ajv);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : lenient).compile(schema as object),
  );
}
