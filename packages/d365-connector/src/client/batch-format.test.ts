import { describe, expect, it } from 'vitest';
import { buildBatchBody, parseBatchResponse } from './batch-format.js';

describe('$batch format', () => {
  it('writes change sets with Content-IDs and CRLF lines', () => {
    const { body, contentType } = buildBatchBody(
      [
        [
          {
            contentId: '1',
            method: 'POST',
            url: 'https://x/data/CustomerGroups',
            body: { CustomerGroupId: 'B1' },
          },
          {
            contentId: '2',
            method: 'DELETE',
            url: "https://x/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='B0')",
            headers: { 'If-Match': '*' },
          },
        ],
      ],
      false,
    );
    const boundary = contentType.split('boundary=')[1]!;
    expect(body.startsWith(`--${boundary}\r\nContent-Type: multipart/mixed; boundary=changeset_`)).toBe(true);
    expect(body).toContain('Content-ID: 1\r\n\r\nPOST https://x/data/CustomerGroups HTTP/1.1\r\n');
    expect(body).toContain('{"CustomerGroupId":"B1"}');
    expect(body).toContain('If-Match: *');
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it("reads F&O's failed change set response (outer 200, inner 500 with Infolog)", () => {
    const text = [
      '--batchresponse_5a29',
      'Content-Type: multipart/mixed; boundary=changesetresponse_1209',
      '',
      '--changesetresponse_1209',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      'Content-ID: 1',
      '',
      'HTTP/1.1 500 Internal Server Error',
      'Content-Type: application/json; odata.metadata=minimal; charset=utf-8',
      'OData-Version: 4.0',
      '',
      '{"error":{"code":"","message":"An error has occurred.","innererror":{"message":"Write failed. Infolog: Info: The record already exists.."}}}',
      '--changesetresponse_1209--',
      '--batchresponse_5a29-- ',
      '',
    ].join('\r\n');
    const parts = parseBatchResponse(text, 'multipart/mixed; boundary=batchresponse_5a29');
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ contentId: '1', status: 500 });
    expect(JSON.parse(parts[0]!.body).error.innererror.message).toContain('already exists');
  });

  it('reads independent parts, trailing spaces on boundaries and per-part Retry-After', () => {
    const text = [
      '--b ',
      'Content-Type: application/http',
      'Content-ID: 7',
      '',
      'HTTP/1.1 201 Created',
      'ETag: W/"JzEsNTYzNzE0NDU3Nic="',
      '',
      '{"a":1}',
      '--b',
      'Content-Type: application/http',
      'Content-ID: 8',
      '',
      'HTTP/1.1 429 Too Many Requests',
      'Retry-After: 2',
      '',
      '',
      '--b--',
    ].join('\n');
    const parts = parseBatchResponse(text, 'multipart/mixed; boundary="b"');
    expect(parts.map((p) => [p.contentId, p.status])).toEqual([
      ['7', 201],
      ['8', 429],
    ]);
    expect(parts[0]!.headers.etag).toBe('W/"JzEsNTYzNzE0NDU3Nic="');
    expect(parts[0]!.body).toBe('{"a":1}');
    expect(parts[1]!.headers['retry-after']).toBe('2');
  });
});
