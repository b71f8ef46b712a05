import {
  type Component,
  type ComponentSummary,
  canStartProcess,
  type OperationBody,
  type Shape,
  type ShapeKind,
} from '@flowline/contracts';
import { createShape, kindLabels } from '@flowline/engine';
import { memo, useState } from 'react';
import { api } from '../api/client.js';
import { useEveryComponent } from '../api/queries.js';

const kinds: ShapeKind[] = [
  'start',
  'connector',
  'map',
  'decision',
  'branch',
  'setProperties',
  'message',
  'stop',
];

/** What a palette item adds: a shape kind, possibly configured from a component. */
export type PaletteItem = { kind: ShapeKind; componentId?: string; name?: string };

export const DRAG_TYPE = 'application/x-flowline-shape';

/** Builds the shape for a palette item (reads an operation to learn its connection). */
export async function shapeFor(
  item: PaletteItem,
  id: string,
  position: { x: number; y: number },
): Promise<Shape> {
  const shape = createShape(item.kind, id, position);
  if (!item.componentId) return shape;
  const named = { ...shape, name: item.name };
  if (item.kind === 'map') return { ...named, config: { mapId: item.componentId } } as Shape;
  const op = await api<Component>(`/api/components/${item.componentId}`);
  const connectionId = (op.body as OperationBody).connectionId;
  if (item.kind === 'start')
    return { ...named, config: { mode: 'operation', operationId: item.componentId, connectionId } } as Shape;
  return {
    ...named,
    config: { ...(shape.config as object), operationId: item.componentId, connectionId },
  } as Shape;
}

/**
 * Shapes and existing components, dragged onto the canvas (or added with Enter/click). A workspace
 * holds hundreds of operations: the filter finds one by any part of its name.
 */
export const Palette = memo(function Palette({ onAdd }: { onAdd: (item: PaletteItem) => void }) {
  const operations = useEveryComponent('operation');
  const maps = useEveryComponent('map');
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLowerCase();
  const button = (it: PaletteItem, label: string, text = label) => (
    <button
      type="button"
      draggable
      className={`palette-item kind-${it.kind}`}
      aria-label={`Add ${label}`}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(it));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={() => onAdd(it)}
    >
      {text}
    </button>
  );
  const item = (it: PaletteItem, label: string) =>
    label.toLowerCase().includes(wanted) && (
      <li key={`${it.kind}-${it.componentId ?? ''}`}>{button(it, label)}</li>
    );
  // One entry per operation, which starts a process (the records it reads) or is a step of one:
  // listed as two entries each, a workspace's operations filled twice the palette. One that writes
  // cannot start a process.
  const operation = (o: ComponentSummary) =>
    o.name.toLowerCase().includes(wanted) && (
      <li key={o.id} className="palette-operation">
        <span>{o.name}</span>
        {canStartProcess(o.action) &&
          button({ kind: 'start', componentId: o.id, name: o.name }, `${o.name} (start)`, 'Start')}
        {button({ kind: 'connector', componentId: o.id, name: o.name }, `${o.name} (connector)`, 'Connector')}
      </li>
    );
  const shown = {
    operations: operations.data?.items.map(operation),
    maps: maps.data?.items.map((m) => item({ kind: 'map', componentId: m.id, name: m.name }, m.name)),
  };
  const none = (what: string, items: unknown[] | undefined) =>
    items?.every((i) => !i) && <p className="hint">{wanted ? `No ${what} matches.` : `No ${what} yet.`}</p>;
  return (
    <aside aria-label="Palette" className="palette">
      <input
        type="search"
        aria-label="Filter the palette"
        placeholder="Filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <h2>Shapes</h2>
      <ul className="plain-list">{kinds.map((k) => item({ kind: k }, kindLabels[k]))}</ul>
      <h2>Operations</h2>
      {operations.isError && (
        <p className="field-error">Could not load the operations: {operations.error.message}</p>
      )}
      {none('operation', shown.operations)}
      <ul className="plain-list">{shown.operations}</ul>
      <h2>Maps</h2>
      {maps.isError && <p className="field-error">Could not load the maps: {maps.error.message}</p>}
      {none('map', shown.maps)}
      <ul className="plain-list">{shown.maps}</ul>
    </aside>
  );
});
