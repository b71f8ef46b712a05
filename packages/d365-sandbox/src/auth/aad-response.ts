import { randomUUID } from 'node:crypto';
import type { SimpleResponse } from '../http/types.js';

/** A JSON answer that no cache keeps. */
export const json = (status: number, body: unknown): SimpleResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

/** The error body of Entra's token endpoint: `error`, `AADSTS<code>: ...`, `error_codes` and trace ids. */
export const aadError = (status: number, error: string, code: number, description: string): SimpleResponse =>
  json(status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
