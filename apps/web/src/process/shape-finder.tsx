import type { Shape } from '@flowline/contracts';
import { shapeTitle } from '@flowline/engine';
import { type FormEvent, useState } from 'react';

/**
 * Finds a shape by its name or kind in a process too large to read at a glance: Enter selects the
 * first that matches and brings it into view; Enter again goes to the next.
 */
export function ShapeFinder({ shapes, onFind }: { shapes: Shape[]; onFind: (shape: Shape) => void }) {
  const [text, setText] = useState('');
  const [at, setAt] = useState(-1);
  const wanted = text.trim().toLowerCase();
  const matches = wanted ? shapes.filter((s) => shapeTitle(s).toLowerCase().includes(wanted)) : [];
  const find = (e: FormEvent) => {
    e.preventDefault();
    if (matches.length === 0) return;
    const next = (at + 1) % matches.length;
    setAt(next);
    onFind(matches[next]!);
  };
  return (
    <form aria-label="Find a shape" className="shape-finder" onSubmit={find}>
      <input
        type="search"
        aria-label="Find a shape"
        placeholder="Find a shape"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setAt(-1);
        }}
      />
      {wanted && (
        <output aria-live="polite">
          {matches.length === 0
            ? 'none'
            : at < 0
              ? `${matches.length} found`
              : `${at + 1} of ${matches.length}`}
        </output>
      )}
    </form>
  );
}
