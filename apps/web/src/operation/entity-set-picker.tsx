import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Empty, Failed, Loading } from '../frame/status.js';
import { useEntitySets } from './operation-queries.js';

/** A searchable, virtualised list of the connection's entity sets, with labels and keys. */
export function EntitySetPicker({
  connectionId,
  value,
  onPick,
}: {
  connectionId: string;
  value: string | undefined;
  onPick: (name: string) => void;
}) {
  const [search, setSearch] = useState('');
  const sets = useEntitySets(connectionId, search.trim());
  const items = sets.data?.items ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 8,
  });
  // The operation's entity set is shown where it is in the list (among 450 it would be out of sight),
  // and the arrow keys start from it.
  const revealed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!value || search || revealed.current === value) return;
    const at = items.findIndex((s) => s.name === value);
    if (at < 0) return;
    revealed.current = value;
    setActive(at);
    virtual.scrollToIndex(at, { align: 'auto' });
  }, [items, value, search, virtual]);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(items.length - 1, to));
    setActive(next);
    virtual.scrollToIndex(next);
  };
  return (
    <div className="entity-set-picker">
      <label>
        Search entity sets
        <input
          type="search"
          value={search}
          placeholder="Name or label, e.g. customers"
          onChange={(e) => {
            setSearch(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') move(active + 1);
            else if (e.key === 'ArrowUp') move(active - 1);
            else if (e.key === 'Enter' && items[active]) {
              e.preventDefault();
              onPick(items[active].name);
            }
          }}
        />
      </label>
      {sets.isPending ? (
        <Loading what="entity sets" />
      ) : sets.isError ? (
        <Failed what="entity sets" error={sets.error} retry={() => sets.refetch()} />
      ) : items.length === 0 ? (
        <Empty>No entity set matches “{search}”.</Empty>
      ) : (
        <>
          <p className="hint">
            {sets.data.total} entity sets{search ? ` match “${search}”` : ''}
            {items.length < sets.data.total ? `; the first ${items.length} are listed, type to narrow` : ''}.
            Current: {value ?? 'none'}
          </p>
          <div
            ref={scroller}
            className="virtual-list"
            role="listbox"
            aria-label="Entity sets"
            tabIndex={0}
            aria-activedescendant={items[active] ? `es-${items[active].name}` : undefined}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') move(active + 1);
              else if (e.key === 'ArrowUp') move(active - 1);
              else if (e.key === 'Enter' && items[active]) onPick(items[active].name);
              else return;
              e.preventDefault();
            }}
          >
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((row) => {
                const set = items[row.index]!;
                return (
                  <div
                    key={set.name}
                    id={`es-${set.name}`}
                    role="option"
                    tabIndex={-1}
                    aria-selected={set.name === value}
                    className={row.index === active ? 'option active' : 'option'}
                    style={{
                      position: 'absolute',
                      top: 0,
                      transform: `translateY(${row.start}px)`,
                      width: '100%',
                    }}
                    onClick={() => onPick(set.name)}
                    onKeyDown={() => {}}
                  >
                    <strong>{set.name}</strong> {set.label && <span>· {set.label}</span>}
                    <small>key: {set.key.join(', ')}</small>
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
