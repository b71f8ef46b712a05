import type { ProcessDefinition, Edge as ProcessEdge, Shape } from '@flowline/contracts';
import { checkEdge, parseProcess } from '@flowline/engine';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type FitViewOptions,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { typing } from '../frame/typing.js';
import { CanvasToolbar, ShortcutsHelp } from './canvas-toolbar.js';
import { nextPlace, SHAPE_ROOM, tidyUp } from './layout.js';
import { DRAG_TYPE, Palette, type PaletteItem, shapeFor } from './palette.js';
import { problemsOf } from './process-problems.js';
import { shiftToShow } from './reveal.js';
import { RunBar } from './run-bar.js';
import { RunContext } from './run-context.js';
import { ShapeFinder } from './shape-finder.js';
import { ShapeInspector } from './shape-inspector.js';
import { type ShapeNode, ShapeNodeView } from './shape-node.js';
import { useCanvasNodes } from './use-canvas-nodes.js';
import { useKeepInView } from './use-keep-in-view.js';
import { useLatest } from './use-latest.js';
import { useLiveRun } from './use-live-run.js';
import { useProcessHistory } from './use-process-history.js';

const nodeTypes = { shape: ShapeNodeView };
/**
 * Fitting the graph leaves the bottom strip to the minimap (150 px tall, 15 from the edge, and room between): a flow reads
 * left to right, so height is the room to spare, and a shape under the minimap could not be clicked.
 */
const fitViewOptions: FitViewOptions = {
  maxZoom: 1,
  padding: { top: '5%', left: '5%', right: '5%', bottom: '200px' },
};

/** Palette, canvas and inspector; every edit goes through the engine's reducer, so it can be undone. */
export function ProcessCanvas({
  process: body,
  onChange,
  processId,
  dirty,
}: {
  process: ProcessDefinition;
  onChange: (p: ProcessDefinition) => void;
  processId: string;
  dirty: boolean;
}) {
  const history = useProcessHistory(body, onChange);
  const live = useLiveRun(processId);
  const counts = live.run?.shapes;
  const { process, dispatch } = history;
  const flow = useReactFlow();
  const problems = useMemo(() => problemsOf(process), [process]);
  const [nodes, setNodes] = useCanvasNodes(process, problems);
  const [edgeSelection, setEdgeSelection] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [clipboard, setClipboard] = useState<{ shapes: Shape[]; edges: ProcessEdge[] } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  useKeepInView(wrapper, MIN_ZOOM);

  const edges: Edge[] = useMemo(
    () =>
      process.edges.map((e) => ({
        id: e.id,
        source: e.from,
        target: e.to,
        sourceHandle: e.handle,
        targetHandle: 'in',
        label: counts?.[e.from]
          ? `${e.handle === 'out' ? '' : `${e.handle} · `}${e.handle === 'error' ? counts[e.from]?.failed : counts[e.from]?.out}`
          : e.handle === 'out'
            ? undefined
            : e.handle,
        selected: edgeSelection.has(e.id),
        className: e.handle === 'error' ? 'edge-error' : undefined,
      })),
    [process.edges, edgeSelection, counts],
  );
  const selectedIds = nodes.filter((n) => n.selected).map((n) => n.id);
  const run = useLatest((op: Parameters<typeof dispatch>[0]) => setMessage(dispatch(op)));

  /** A shape's size as drawn, once React Flow has measured it. */
  const sizeOf = (id: string) => {
    const measured = flow.getInternalNode(id)?.measured;
    return measured?.width && measured.height
      ? { width: measured.width, height: measured.height }
      : undefined;
  };
  const widthOf = (id: string) => sizeOf(id)?.width ?? SHAPE_ROOM.width;
  // Right of the rightmost shape may be past the canvas's edge (or under the inspector): the view pans,
  // at the same zoom, just far enough for the new shape to be seen and clicked where it appears. Its
  // width (its name's) is known once it is drawn, a frame or two later.
  const reveal = useLatest((id: string, at: { x: number; y: number }, frames: number) => {
    const size = sizeOf(id);
    if (!size && frames < 10) {
      requestAnimationFrame(() => reveal(id, at, frames + 1));
      return;
    }
    const box = wrapper.current?.getBoundingClientRect();
    if (!box) return;
    const from = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const to = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
    const view = { x: from.x, y: from.y, width: to.x - from.x, height: to.y - from.y };
    const { dx, dy } = shiftToShow(view, { ...at, ...(size ?? SHAPE_ROOM) });
    if (dx === 0 && dy === 0) return;
    const { x, y, zoom } = flow.getViewport();
    void flow.setViewport({ x: x - dx * zoom, y: y - dy * zoom, zoom });
  });
  // The shape found is the one selected (its inspector opens), and brought into view.
  const find = useLatest((shape: Shape) => {
    setNodes((ns) =>
      ns.map((n) => (n.selected === (n.id === shape.id) ? n : { ...n, selected: n.id === shape.id })),
    );
    setEdgeSelection(new Set());
    reveal(shape.id, shape.position, 0);
  });
  const add = useLatest(async (item: PaletteItem, position?: { x: number; y: number }) => {
    try {
      const shape = await shapeFor(item, crypto.randomUUID(), position ?? { x: 0, y: 0 });
      // Found on the newest revision: quick additions arrive before the canvas re-renders.
      const at = position ?? nextPlace(history.latest().shapes, widthOf);
      setMessage(dispatch({ type: 'addShape', shape: { ...shape, position: at } }));
      if (!position) reveal(shape.id, at, 0);
    } catch (e) {
      setMessage((e as Error).message);
    }
  });
  const copy = useLatest(() => {
    const ids = new Set(selectedIds);
    setClipboard({
      shapes: process.shapes.filter((s) => ids.has(s.id)),
      edges: process.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    });
  });
  const paste = useLatest(() => clipboard && run({ type: 'paste', ...clipboard, offset: { x: 40, y: 40 } }));
  const remove = useLatest(() => {
    if (selectedIds.length) run({ type: 'deleteShapes', shapeIds: selectedIds });
    else for (const id of edgeSelection) run({ type: 'disconnect', edgeId: id });
    setEdgeSelection(new Set());
  });
  const fit = useLatest(() => flow.fitView(fitViewOptions));
  const tidy = useLatest(() => {
    run({ type: 'moveShapes', moves: tidyUp(process, widthOf) });
    requestAnimationFrame(fit);
  });
  const exportJson = useLatest(() => {
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(process, null, 2)], { type: 'application/json' }),
    );
    const a = Object.assign(document.createElement('a'), {
      href: url,
      download: `${process.name}.process.json`,
    });
    a.click();
    URL.revokeObjectURL(url);
  });
  const importJson = useLatest(async (file: File) => {
    try {
      history.replace(parseProcess(JSON.parse(await file.text())));
      setMessage(null);
    } catch (e) {
      setMessage(`${file.name} is not a process: ${(e as Error).message}`);
    }
  });
  const toggleHelp = useLatest(() => setHelp((h) => !h));
  const onKeyDown = (e: KeyboardEvent) => {
    if (typing(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && k === 'z' && !e.shiftKey) history.undo();
    else if (mod && (k === 'y' || (k === 'z' && e.shiftKey))) history.redo();
    else if (mod && k === 'c') copy();
    else if (mod && k === 'v') paste();
    else if (mod && k === 'a') setNodes((ns) => ns.map((n) => ({ ...n, selected: true })));
    else if (e.key === 'Delete' || e.key === 'Backspace') remove();
    else if (e.shiftKey && k === 't') tidy();
    else if (e.shiftKey && k === 'f') fit();
    else if (e.key === '?') setHelp((h) => !h);
    else if (e.key === 'Escape' && help) setHelp(false);
    else if (e.key === 'Escape') {
      // Nothing selected: the inspector closes and the canvas gets its room back.
      setNodes((ns) => (ns.some((n) => n.selected) ? ns.map((n) => ({ ...n, selected: false })) : ns));
      setEdgeSelection(new Set());
    } else return;
    e.preventDefault();
  };
  const onDrop = (e: DragEvent) => {
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    if (!raw) return;
    e.preventDefault();
    void add(JSON.parse(raw) as PaletteItem, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };
  const isValidConnection = useLatest((c: Connection | Edge) => {
    try {
      checkEdge(process, { id: 'new', from: c.source, handle: c.sourceHandle ?? 'out', to: c.target });
      return true;
    } catch (err) {
      const why = `Cannot connect: ${(err as Error).message}`;
      if (why !== message) setMessage(why);
      return false;
    }
  });
  // Whether the last key or pointer press on the canvas was an arrow key (React Flow moves the
  // selected shapes 5 px a press): consecutive presses on the same shapes are one undo step.
  const arrows = useRef(false);
  const onNodesChange = useLatest((changes: NodeChange<ShapeNode>[]) => {
    setNodes((ns) =>
      applyNodeChanges(
        changes.filter((c) => c.type !== 'remove'),
        ns,
      ),
    );
    // A move that ended (a drag let go, an arrow key) edits the process; one still being dragged not yet.
    const moves = changes.flatMap((c) => {
      if (c.type !== 'position' || c.dragging !== false || !c.position) return [];
      const was = process.shapes.find((s) => s.id === c.id)?.position;
      return was && (was.x !== c.position.x || was.y !== c.position.y)
        ? [{ shapeId: c.id, position: c.position }]
        : [];
    });
    if (moves.length === 0) return;
    const keys = arrows.current ? `keys:${moves.map((m) => m.shapeId).join(',')}` : undefined;
    setMessage(dispatch({ type: 'moveShapes', moves }, keys));
  });
  const onEdgesChange = useLatest((changes: EdgeChange<Edge>[]) => {
    const next = applyEdgeChanges(
      changes.filter((c) => c.type === 'select'),
      edges,
    );
    setEdgeSelection(new Set(next.filter((e) => e.selected).map((e) => e.id)));
  });
  const onConnect = useLatest((c: Connection) =>
    run({ type: 'connect', edge: { from: c.source, handle: c.sourceHandle ?? 'out', to: c.target } }),
  );
  const inspectorDispatch = useLatest((op: Parameters<typeof dispatch>[0], edit?: string) => {
    const m = dispatch(op, edit);
    // A refused keystroke is explained at its field, not in the canvas status.
    setMessage(edit ? null : m);
    return m;
  });
  const selected = selectedIds.length === 1 ? process.shapes.find((s) => s.id === selectedIds[0]) : undefined;
  const general = problems.filter((p) => !p.shapeId);
  const takesDocuments = process.shapes.some((s) => s.kind === 'start' && s.config.mode === 'documents');
  const selectedProblems = useMemo(
    () => (selected ? problems.filter((p) => p.shapeId === selected.id).map((p) => p.message) : []),
    [problems, selected],
  );

  return (
    <div className="process-editor">
      <Palette onAdd={add} />
      <div className="canvas-column">
        <CanvasToolbar
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          hasSelection={selectedIds.length > 0 || edgeSelection.size > 0}
          canPaste={clipboard !== null}
          onUndo={history.undo}
          onRedo={history.redo}
          onCopy={copy}
          onPaste={paste}
          onDelete={remove}
          onTidy={tidy}
          onFit={fit}
          onExport={exportJson}
          onImport={importJson}
          onHelp={toggleHelp}
        />
        <div className="canvas-bar">
          <RunBar
            run={live.run}
            problems={live.problems}
            error={live.error}
            dirty={dirty}
            takesDocuments={takesDocuments}
            onRun={live.start}
          />
          <ShapeFinder shapes={process.shapes} onFind={find} />
        </div>
        <p role="status" className={message ? 'bad canvas-message' : 'hint canvas-message'}>
          {message ??
            [
              count(process.shapes.length, 'shape'),
              count(process.edges.length, 'edge'),
              count(problems.length, 'problem'),
            ].join(' · ')}
        </p>
        <section
          ref={wrapper}
          className="canvas"
          aria-label="Process canvas"
          tabIndex={-1}
          onKeyDown={onKeyDown}
          onKeyDownCapture={(e) => {
            arrows.current = e.key.startsWith('Arrow');
          }}
          onPointerDownCapture={() => {
            arrows.current = false;
          }}
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
        >
          <RunContext.Provider value={live.run}>
            <ReactFlow<ShapeNode, Edge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              isValidConnection={isValidConnection}
              onConnect={onConnect}
              deleteKeyCode={null}
              multiSelectionKeyCode="Shift"
              selectionKeyCode="Shift"
              fitView
              fitViewOptions={fitViewOptions}
              minZoom={MIN_ZOOM}
              onlyRenderVisibleElements={process.shapes.length > 100}
            >
              <Background />
              <MiniMap pannable zoomable ariaLabel="Minimap" />
              <Controls />
            </ReactFlow>
          </RunContext.Provider>
          {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
        </section>
        {general.length > 0 && (
          <ul aria-label="Process problems" className="plain-list issues">
            {general.map((p) => (
              <li key={p.message} className="bad">
                {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {selected && (
        <ShapeInspector
          key={selected.id}
          shape={selected}
          process={process}
          problems={selectedProblems}
          dispatch={inspectorDispatch}
        />
      )}
    </div>
  );
}

/** How far the canvas zooms out: a process of hundreds of shapes still fits. */
const MIN_ZOOM = 0.1;

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
