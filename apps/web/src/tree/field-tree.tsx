import type { ProfileField } from '@flowline/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { KindIcon } from '../operation/kind-icon.js';
import { flattenFields, type TreeRow } from './flatten.js';

/**
 * A virtualised, keyboard-driven tree of profile fields (ARIA tree pattern): arrows move,
 * right/left expand and collapse, Enter activates.
 */
export function FieldTree({
  fields,
  label,
  search = '',
  keep,
  selected,
  onActivate,
  extra,
  rowProps,
  height = 420,
}: {
  fields: ProfileField[];
  label: string;
  search?: string;
  keep?: (path: string) => boolean;
  selected?: string;
  onActivate?: (row: TreeRow) => void;
  extra?: (row: TreeRow) => ReactNode;
  rowProps?: (row: TreeRow) => React.HTMLAttributes<HTMLDivElement>;
  height?: number;
}) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const word = search.trim().toLowerCase();
  const rows = useMemo(() => flattenFields(fields, expanded, word, keep), [fields, expanded, word, keep]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 28,
    overscan: 10,
  });
  const toggle = (path: string, open?: boolean) =>
    setExpanded((s) => {
      const next = new Set(s);
      (open ?? !next.has(path)) ? next.add(path) : next.delete(path);
      return next;
    });
  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setActive(i);
    virtual.scrollToIndex(i);
  };
  const current = rows[Math.min(active, rows.length - 1)];
  const idOf = (path: string) => `${label.replace(/\W/g, '-')}-${path.replace(/\W/g, '-')}`;
  return (
    <div
      ref={scroller}
      role="tree"
      aria-label={label}
      tabIndex={0}
      className="field-tree"
      style={{ height }}
      aria-activedescendant={current ? idOf(current.path) : undefined}
      onKeyDown={(e) => {
        if (!current) return;
        if (e.key === 'ArrowDown') move(active + 1);
        else if (e.key === 'ArrowUp') move(active - 1);
        else if (e.key === 'ArrowRight' && current.hasChildren) toggle(current.path, true);
        else if (e.key === 'ArrowLeft' && current.hasChildren) toggle(current.path, false);
        else if (e.key === 'Enter' || e.key === ' ') onActivate?.(current);
        else return;
        e.preventDefault();
      }}
    >
      {rows.length === 0 && <p className="status empty">No field matches.</p>}
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          const f = row.field;
          return (
            <div
              key={row.path}
              id={idOf(row.path)}
              role="treeitem"
              tabIndex={-1}
              aria-level={row.depth + 1}
              aria-expanded={row.hasChildren ? expanded.has(row.path) || word !== '' : undefined}
              aria-selected={row.path === selected}
              aria-label={row.path}
              className={`tree-row${v.index === active ? ' active' : ''}${row.path === selected ? ' selected' : ''}`}
              style={{ transform: `translateY(${v.start}px)`, paddingLeft: `${0.5 + row.depth * 1.1}rem` }}
              onClick={() => {
                setActive(v.index);
                onActivate?.(row);
              }}
              onKeyDown={() => {}}
              {...rowProps?.(row)}
            >
              {row.hasChildren ? (
                <button
                  type="button"
                  tabIndex={-1}
                  className="twisty"
                  aria-label={expanded.has(row.path) ? `Collapse ${row.path}` : `Expand ${row.path}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(row.path);
                  }}
                >
                  {expanded.has(row.path) || word ? '▾' : '▸'}
                </button>
              ) : (
                <span className="twisty" />
              )}
              <KindIcon kind={f.kind} />
              {/* The label only on hover: the map's narrow trees have room for the name alone. */}
              <span className="field-name" title={f.label ? `${f.name} · ${f.label}` : f.name}>
                {f.name}
              </span>
              {f.mandatory && (
                <span className="mandatory" title="mandatory" role="img" aria-label="mandatory">
                  *
                </span>
              )}
              {f.keyIndex !== undefined && <span className="tag">key</span>}
              {f.readOnly && <span className="tag">read-only</span>}
              <small className="edm" title={f.edmType ?? f.kind}>
                {(f.edmType ?? f.kind).replace(/^.*\./, '')}
              </small>
              {extra?.(row)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
