import { isUtf8 } from 'node:buffer';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './errors/problem.js';

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
  // Invalid UTF-8 would otherwise be read as U+FFFD and stored: refused instead (proto poisoning still is).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new HttpProblem(400, 'Bad Request', 'The request body is not valid UTF-8.'), undefined);
      return;
    }
    parseJson(request, bytes.toString('utf8'), done);
  });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : lenient).compile(schema as object),
  );
}
