import { type OperationBody, type OperationReads, operationGets, operationReads } from '@flowline/contracts';
// The connector's query builder is pure; its package entry also loads Node's HTTP stack, so the
// browser takes the query builder alone (`@flowline/d365-connector/query`).
import { buildQueryUrl } from '@flowline/d365-connector/query';

const methods = {
  get: 'GET',
  query: 'GET',
  create: 'POST',
  update: 'PATCH',
  upsert: 'PATCH',
  delete: 'DELETE',
  execute: 'POST',
};

/** The OData request the operation will send, built by the connector's own URL builder. */
export function RequestPreview({
  body,
  serviceUrl,
}: {
  body: OperationBody;
  serviceUrl: string | undefined;
}) {
  let text: string;
  let error: string | null = null;
  const root = `${(serviceUrl ?? 'https://<environment>').replace(/\/+$/, '')}/data`;
  try {
    if (!body.entitySet || !body.action) throw new Error('Pick an action and an entity set.');
    // As runs send it: a page size is a header, said below.
    const { pageSize: _pageSize, ...reads }: OperationReads =
      body.action === 'query'
        ? operationReads(body)
        : body.action === 'get'
          ? operationGets(body)
          : { ...(body.crossCompany ? { crossCompany: true } : {}) };
    const url = buildQueryUrl(root, body.entitySet, { ...reads, profile: body.responseProfile });
    const keyed = body.action === 'query' || body.action === 'create' ? '' : '(<key>)';
    const [path, query] = url.split('?');
    text = `${methods[body.action]} ${path}${keyed}${query ? `?${query}` : ''}`;
    if (body.pageSize) text += `\nPrefer: odata.maxpagesize=${body.pageSize}`;
    if (body.action === 'update' || body.action === 'delete')
      text += `\nIf-Match: ${body.ifMatch === 'any' ? '*' : body.ifMatch === 'none' ? '(none)' : '<ETag read earlier>'}`;
  } catch (e) {
    text = '';
    error = (e as Error).message;
  }
  return (
    <section aria-labelledby="preview-title" className="panel">
      <h2 id="preview-title">Request preview</h2>
      {error ? (
        <p className="hint" role="status">
          {error}
        </p>
      ) : (
        <pre className="code" data-testid="odata-request">
          {decodeForReading(text)}
        </pre>
      )}
    </section>
  );
}

/** Shows %20 and quotes as a person reads them; the real request keeps them encoded. */
function decodeForReading(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
