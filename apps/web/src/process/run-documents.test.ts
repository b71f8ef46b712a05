import { describe, expect, it } from 'vitest';
import { MAX_RUN_DOCUMENTS, parseRunDocuments } from './run-documents.js';

describe('parseRunDocuments', () => {
  it('takes records, or documents with their id, or one record alone', () => {
    expect(
      parseRunDocuments('[{"CustomerAccount":"US-001"},{"id":"two","data":{"CustomerAccount":"US-002"}}]'),
    ).toEqual([{ data: { CustomerAccount: 'US-001' } }, { id: 'two', data: { CustomerAccount: 'US-002' } }]);
    expect(parseRunDocuments('{"CustomerAccount":"US-001"}')).toEqual([
      { data: { CustomerAccount: 'US-001' } },
    ]);
    expect(parseRunDocuments('[]')).toEqual([]);
  });

  it('keeps a record whose own fields are called id and data as a record', () => {
    expect(parseRunDocuments('[{"id":"x","data":{"a":1},"name":"n"}]')).toEqual([
      { data: { id: 'x', data: { a: 1 }, name: 'n' } },
    ]);
    expect(parseRunDocuments('[{"id":7,"data":{}}]')).toEqual([{ data: { id: 7, data: {} } }]);
  });

  it('says what is wrong, and where', () => {
    expect(() => parseRunDocuments('[{"a":1},')).toThrow(/^Not JSON: /);
    expect(() => parseRunDocuments('[{"a":1}, 5]')).toThrow(
      'Document 2 is 5: each document must be a JSON object.',
    );
    expect(() => parseRunDocuments('[[1]]')).toThrow('Document 1 is [1]');
    const many = JSON.stringify(Array.from({ length: MAX_RUN_DOCUMENTS + 1 }, () => ({})));
    expect(() => parseRunDocuments(many)).toThrow('10001 documents: a run takes at most 10,000.');
  });
});
