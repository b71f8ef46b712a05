import { randomUUID } from 'node:crypto';

/** One request inside a `$batch`. */
export interface BatchPartRequest {
  contentId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute URL of the operation. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One response inside a `$batch` response. */
export interface BatchPartResponse {
  contentId: string | undefined;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CRLF = '\r\n';

function httpPart(op: BatchPartRequest): string {
  const lines = [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    `Content-ID: ${op.contentId}`,
    '',
    `${op.method} ${op.url} HTTP/1.1`,
    'OData-Version: 4.0',
    'Accept: application/json',
  ];
  for (const [name, value] of Object.entries(op.headers ?? {})) lines.push(`${name}: ${value}`);
  if (op.body !== undefined) {
    lines.push('Content-Type: application/json;odata.metadata=minimal', '', JSON.stringify(op.body));
  } else {
    lines.push('', '');
  }
  return lines.join(CRLF);
}

/**
 * Writes a multipart/mixed `$batch` body: each group of operations is an atomic change set, or, for
 * `independent`, every operation is its own top-level part.
 */
export function buildBatchBody(
  groups: BatchPartRequest[][],
  independent: boolean,
): { body: string; contentType: string } {
  const batch = `batch_${randomUUID()}`;
  let body = '';
  for (const group of groups) {
    if (independent) {
      for (const op of group) body += `--${batch}${CRLF}${httpPart(op)}${CRLF}`;
      continue;
    }
    const changeset = `changeset_${randomUUID()}`;
    body += `--${batch}${CRLF}Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}`;
    for (const op of group) body += `--${changeset}${CRLF}${httpPart(op)}${CRLF}`;
    body += `--${changeset}--${CRLF}`;
  }
  body += `--${batch}--${CRLF}`;
  return { body, contentType: `multipart/mixed; boundary=${batch}` };
}

/** The boundary parameter of a multipart Content-Type. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function splitHead(text: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, ''];
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits a multipart body on its boundary; tolerates trailing spaces on boundary lines (RFC 2046). */
function splitParts(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pieces = body.split(new RegExp(`(?:^|\\r?\\n)--${escaped}(?:--)?[ \\t]*(?=\\r?\\n|$)`));
  // The preamble comes before the first boundary, the epilogue after the last.
  return pieces.slice(1, -1).map((p) => p.replace(/^\r?\n/, ''));
}

/** Parses a multipart/mixed `$batch` response into its operation responses, change sets flattened in order. */
export function parseBatchResponse(body: string, contentType: string): BatchPartResponse[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`$batch response has no multipart boundary (Content-Type: ${contentType})`);
  const out: BatchPartResponse[] = [];
  for (const part of splitParts(body, boundary)) {
    const [head, rest] = splitHead(part);
    const headers = parseHeaders(head);
    const type = headers['content-type'] ?? '';
    if (type.startsWith('multipart/mixed')) {
      out.push(...parseBatchResponse(rest, type));
      continue;
    }
    const [statusAndHeaders, payload] = splitHead(rest);
    const [statusLine = '', ...headerLines] = statusAndHeaders.split(/\r?\n/);
    const status = Number(/^HTTP\/\d\.\d\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
    out.push({
      contentId: headers['content-id'],
      status,
      headers: parseHeaders(headerLines.join('\n')),
      body: payload.replace(/\r?\n$/, ''),
    });
  }
  return out;
}
