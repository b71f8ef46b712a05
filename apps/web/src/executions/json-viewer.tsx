import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

/** A JSON document as virtualised lines: a megabyte renders only the lines in view. */
export function JsonViewer({ value, label }: { value: unknown; label: string }) {
  const lines = useMemo(() => JSON.stringify(value, null, 2).split('\n'), [value]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 18,
    overscan: 20,
  });
  return (
    <section ref={scroller} className="json-viewer" aria-label={label} tabIndex={-1}>
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => (
          <div key={v.index} className="json-line" style={{ transform: `translateY(${v.start}px)` }}>
            {lines[v.index]}
          </div>
        ))}
      </div>
    </section>
  );
}
