import type { OperationBody, ProfileField } from '@flowline/contracts';

type OrderBy = NonNullable<OperationBody['orderBy']>;

/** $orderby: fields with ascending/descending, in order. */
export function SortEditor({
  fields,
  orderBy,
  onChange,
}: {
  fields: ProfileField[];
  orderBy: OrderBy;
  onChange: (o: OrderBy | undefined) => void;
}) {
  const usable = fields.filter((f) => f.kind !== 'navigation' && f.kind !== 'complex');
  const set = (next: OrderBy) => onChange(next.length ? next : undefined);
  return (
    <section aria-labelledby="sort-title" className="panel">
      <h2 id="sort-title">Sort</h2>
      <ol className="plain-list">
        {orderBy.map((o, i) => (
          <li key={o.path} className="condition">
            <select
              aria-label={`Sort ${i + 1}: field`}
              value={o.path}
              onChange={(e) => set(orderBy.map((x, j) => (j === i ? { ...x, path: e.target.value } : x)))}
            >
              {usable.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </select>
            <select
              aria-label={`Sort ${i + 1}: direction`}
              value={o.desc ? 'desc' : 'asc'}
              onChange={(e) =>
                set(orderBy.map((x, j) => (j === i ? { ...x, desc: e.target.value === 'desc' } : x)))
              }
            >
              <option value="asc">ascending</option>
              <option value="desc">descending</option>
            </select>
            <button
              type="button"
              aria-label={`Remove sort ${i + 1}`}
              onClick={() => set(orderBy.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => {
          const free = usable.find((f) => !orderBy.some((o) => o.path === f.name));
          if (free) set([...orderBy, { path: free.name }]);
        }}
      >
        Add sort
      </button>
    </section>
  );
}
