import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemItems } from './schema-errors.js';

/** An error the API answers as a problem document with this status; the message is safe to show. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message ?? title);
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'Not Found', `${what} does not exist.`);

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function send(reply: FastifyReply, request: FastifyRequest, status: number, body: Record<string, unknown>) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: titles[status] ?? 'Error', status, instance: request.url, ...body });
}

/**
 * One place turns every failure into an RFC 9457 problem document: validation errors name the field
 * path at fault, client errors keep their message, anything else is a 500 whose details stay in the log.
 */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return send(reply, request, error.status, {
        title: error.title,
        detail: error.message,
        ...error.extra,
      });
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = problemItems(error.validation, `/${part}`);
      const first = errors[0];
      return send(reply, request, 400, {
        detail: first ? `${first.path} ${first.message}` : 'The request is invalid.',
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, request, status, { detail: clientMessage(error) });
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, request, 500, {
      detail: 'Flowline failed to answer this request; the server log has the details.',
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 404, { detail: `No route answers ${request.method} ${request.url.split('?')[0]}.` }),
  );
}

/**
 * Fastify's own refusals before any route runs (a malformed percent-encoding, an over-long path
 * parameter) as problem documents too: give it as the `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400;
  return send(reply, request, status, {
    detail:
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A path parameter is longer than any id this server knows.'
        : error.code === 'FST_ERR_BAD_URL'
          ? 'The URL is malformed: check its percent-encoding.'
          : clientMessage(error),
  });
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this route accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON document.';
    default:
      return error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? `The request body is not valid JSON: ${error.message}`
        : error.message;
  }
}
