import type { StartExecution } from '@flowline/contracts';

export type RunDocuments = NonNullable<StartExecution['documents']>;

/** The most documents one start takes (the API's limit). */
export const MAX_RUN_DOCUMENTS = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ "id": …, "data": {…} }`: a document given with its id, not a record that has such fields. */
const isWrapped = (v: Record<string, unknown>) =>
  isObject(v.data) &&
  Object.keys(v).every((k) => k === 'id' || k === 'data') &&
  (v.id === undefined || (typeof v.id === 'string' && v.id !== ''));

/**
 * The documents a person typed to start a run with: a JSON array (or one object) of records, each
 * either the record itself or `{ "id", "data" }`. Throws a message naming what is wrong and where.
 */
export function parseRunDocuments(text: string): RunDocuments {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`Not JSON: ${(e as Error).message}`);
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length > MAX_RUN_DOCUMENTS)
    throw new Error(
      `${items.length} documents: a run takes at most ${MAX_RUN_DOCUMENTS.toLocaleString('en')}.`,
    );
  return items.map((item, i) => {
    if (!isObject(item))
      throw new Error(`Document ${i + 1} is ${JSON.stringify(item)}: each document must be a JSON object.`);
    return isWrapped(item) ? (item as RunDocuments[number]) : { data: item };
  });
}
