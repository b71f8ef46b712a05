import type { OperationBody } from '@flowline/contracts';

const num = (v: string) => (v === '' ? undefined : Math.max(1, Math.trunc(Number(v))));

/** Paging, company, batch and concurrency options of the request. */
export function RequestOptions({
  body,
  set,
}: {
  body: OperationBody;
  set: (p: Partial<OperationBody>) => void;
}) {
  const reads = body.action === 'query' || body.action === 'get';
  const writes =
    body.action === 'create' ||
    body.action === 'update' ||
    body.action === 'upsert' ||
    body.action === 'delete';
  return (
    <section aria-labelledby="options-title" className="panel">
      <h2 id="options-title">Options</h2>
      <div className="form-grid">
        {reads && (
          <>
            <label>
              Page size
              <input
                type="number"
                min={1}
                max={10000}
                value={body.pageSize ?? ''}
                onChange={(e) => set({ pageSize: num(e.target.value) })}
              />
              <small aria-hidden="true">Records a page asks for; F&amp;O pages at 10,000 at most.</small>
            </label>
            <label>
              At most (records)
              <input
                type="number"
                min={1}
                value={body.top ?? ''}
                onChange={(e) => set({ top: num(e.target.value) })}
              />
              <small aria-hidden="true">Stop after this many records ($top); empty reads all.</small>
            </label>
          </>
        )}
        <label>
          <span>
            <input
              type="checkbox"
              checked={body.crossCompany ?? false}
              onChange={(e) => set({ crossCompany: e.target.checked || undefined })}
            />{' '}
            Cross-company
          </span>
          <small aria-hidden="true">
            Read or write every company the user can access, not only the legal entity below.
          </small>
        </label>
        <label>
          Legal entity
          <input
            value={body.legalEntity ?? ''}
            maxLength={8}
            placeholder="connection default"
            onChange={(e) => set({ legalEntity: e.target.value || undefined })}
          />
          <small aria-hidden="true">The company (dataAreaId), e.g. usmf.</small>
        </label>
        {writes && (
          <>
            <label>
              <span>
                <input
                  type="checkbox"
                  checked={body.batch?.enabled ?? false}
                  onChange={(e) => set({ batch: { ...body.batch, enabled: e.target.checked } })}
                />{' '}
                Send in batches
              </span>
              <small aria-hidden="true">Groups writes into $batch requests.</small>
            </label>
            <label>
              Batch size
              <input
                type="number"
                min={1}
                max={5000}
                disabled={!body.batch?.enabled}
                value={body.batch?.size ?? ''}
                onChange={(e) => set({ batch: { enabled: true, ...body.batch, size: num(e.target.value) } })}
              />
            </label>
            <label>
              If-Match
              <select
                value={body.ifMatch ?? 'tracked'}
                onChange={(e) => set({ ifMatch: e.target.value as 'tracked' })}
              >
                <option value="tracked">The ETag read earlier (safe)</option>
                <option value="any">Any version (*)</option>
                <option value="none">No If-Match</option>
              </select>
              <small aria-hidden="true">Guards updates against changes made since the record was read.</small>
            </label>
          </>
        )}
      </div>
    </section>
  );
}
