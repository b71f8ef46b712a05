import type { ProfileField } from '@flowline/contracts';
import type { ValidationIssue } from '@flowline/mapping';
import { useCallback, useState } from 'react';
import { FieldTree } from '../tree/field-tree.js';
import type { TreeRow } from '../tree/flatten.js';
import { issueMark } from './issue-list.js';

/** One side of the map editor: a searchable tree with "show mapped only" and per-field marks. */
export function MapTree({
  side,
  fields,
  mapped,
  selected,
  onActivate,
  hint,
  issues,
  describe,
  rowProps,
}: {
  side: 'Source' | 'Target';
  fields: ProfileField[];
  mapped: ReadonlySet<string>;
  selected?: string;
  onActivate: (row: TreeRow) => void;
  hint: string;
  issues?: Map<string, ValidationIssue[]>;
  describe?: (path: string) => string | undefined;
  rowProps?: (row: TreeRow) => React.HTMLAttributes<HTMLDivElement>;
}) {
  const [search, setSearch] = useState('');
  const [mappedOnly, setMappedOnly] = useState(false);
  const keep = useCallback((path: string) => mapped.has(path), [mapped]);
  return (
    <section aria-label={`${side} fields`} className="panel map-side">
      <h2>
        {side} <small>({mapped.size} mapped)</small>
      </h2>
      <div className="toolbar">
        <label>
          Search {side.toLowerCase()} fields
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={mappedOnly} onChange={(e) => setMappedOnly(e.target.checked)} />
          Show mapped only
        </label>
      </div>
      <p className="hint">{hint}</p>
      {fields.length === 0 ? (
        <p className="status empty">Choose the {side.toLowerCase()} operation above.</p>
      ) : (
        <FieldTree
          fields={fields}
          label={`${side} fields`}
          search={search}
          keep={mappedOnly ? keep : undefined}
          selected={selected}
          onActivate={onActivate}
          rowProps={rowProps}
          extra={(row) => {
            const described = describe?.(row.path);
            const found = issues?.get(row.path);
            const worst = found?.some((i) => i.severity === 'error')
              ? 'error'
              : found?.length
                ? 'warning'
                : undefined;
            return (
              <>
                {mapped.has(row.path) && (
                  <span className="mapped-mark" role="img" aria-label="mapped">
                    ●
                  </span>
                )}
                {described && (
                  <small className="link-desc" title={described}>
                    {described}
                  </small>
                )}
                {worst && (
                  <span
                    className={worst === 'error' ? 'bad' : 'warn'}
                    role="img"
                    aria-label={`${worst}: ${found?.[0]?.message}`}
                    title={found?.map((i) => i.message).join('\n')}
                  >
                    {issueMark(worst)}
                  </span>
                )}
              </>
            );
          }}
        />
      )}
    </section>
  );
}
