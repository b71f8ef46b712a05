import { STATUS_CODES } from 'node:http';
import { badRequest } from '../odata/errors.js';
import type { SimpleRequest, SimpleResponse } from './types.js';

/** One operation of a batch, with its change set (undefined when it stands alone). */
export interface BatchOperation {
  changeset?: number;
  contentId?: string;
  request: SimpleRequest;
}

const boundaryOf = (contentType: string | undefined): string | undefined =>
  /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1]?.trim();

function splitParts(body: string, boundary: string): string[] {
  // Boundary lines may carry trailing spaces (d365fo.integrations writes them; RFC 2046 allows it).
  const delimiter = new RegExp(
    `(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`,
  );
  const pieces = body.split(delimiter);
  const parts: string[] = [];
  // split() with two groups yields [preamble, close?, part, close?, part, ...]; stop at the closing one.
  for (let i = 2; i < pieces.length; i += 2) {
    if (pieces[i - 1] === '--') break;
    parts.push((pieces[i] ?? '').replace(/^\r?\n/, ''));
  }
  return parts;
}

function headerBlock(text: string): { headers: Record<string, string>; rest: string } {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const rest = m ? text.slice(m.index + m[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { headers, rest };
}

function innerRequest(text: string, where: string): SimpleRequest {
  const lineEnd = text.search(/\r?\n/);
  const requestLine = (lineEnd < 0 ? text : text.slice(0, lineEnd)).trim();
  const m = /^(GET|POST|PATCH|PUT|DELETE|MERGE)\s+(\S+)(?:\s+HTTP\/1\.[01])?$/.exec(requestLine);
  if (!m) throw badRequest(`Malformed request line '${requestLine}' in ${where} of the $batch.`);
  const { headers, rest } = headerBlock(lineEnd < 0 ? '' : text.slice(lineEnd).replace(/^\r?\n/, ''));
  return {
    method: m[1] === 'MERGE' ? 'PATCH' : m[1]!,
    url: m[2]!,
    headers,
    body: Buffer.from(rest.replace(/\r?\n$/, ''), 'utf8'),
  };
}

/** Parses a multipart/mixed $batch body into its operations. */
export function parseBatch(body: string, contentType: string | undefined): BatchOperation[] {
  const boundary = boundaryOf(contentType);
  if (!boundary || !/multipart\/mixed/i.test(contentType ?? '')) {
    throw badRequest(
      `The $batch request needs 'Content-Type: multipart/mixed; boundary=...', got '${contentType ?? ''}'.`,
    );
  }
  const ops: BatchOperation[] = [];
  let changeset = 0;
  splitParts(body, boundary).forEach((part, i) => {
    const { headers, rest } = headerBlock(part);
    const inner = boundaryOf(headers['content-type']);
    if (inner) {
      changeset++;
      splitParts(rest, inner).forEach((cs, j) => {
        const h = headerBlock(cs);
        ops.push({
          changeset,
          contentId: h.headers['content-id'],
          request: innerRequest(h.rest, `change set ${changeset} part ${j + 1}`),
        });
      });
    } else {
      ops.push({ contentId: headers['content-id'], request: innerRequest(rest, `part ${i + 1}`) });
    }
  });
  return ops;
}

/** Writes one operation's response as an application/http part. */
export function responsePart(res: SimpleResponse, contentId: string | undefined): string {
  let out = 'Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n';
  if (contentId) out += `Content-ID: ${contentId}\r\n`;
  out += `\r\nHTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}\r\n`;
  for (const [k, v] of Object.entries(res.headers)) out += `${k}: ${v}\r\n`;
  const body =
    res.body === undefined
      ? ''
      : Array.isArray(res.body)
        ? Buffer.concat(res.body).toString()
        : res.body.toString();
  out += `\r\n${body}\r\n`;
  return out;
}
