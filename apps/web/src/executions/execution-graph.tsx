import type { ExecutionDetail, ProcessDefinition } from '@flowline/contracts';
import { Background, type Edge, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { RunContext, type RunState } from '../process/run-context.js';
import { type ShapeNode, ShapeNodeView } from '../process/shape-node.js';
// The page can be opened straight from a link, before any canvas loaded React Flow's styles.
import '@xyflow/react/dist/style.css';

const nodeTypes = { shape: ShapeNodeView };

/** The process as it ran: every shape with its counts and time, edges with the documents that took them. */
export function ExecutionGraph({
  process,
  execution,
  onShapeClick,
}: {
  process: ProcessDefinition;
  execution: ExecutionDetail;
  /** A click on a shape: the page shows its documents (the shapes table does the same by keyboard). */
  onShapeClick?: (shapeId: string) => void;
}) {
  const nodes: ShapeNode[] = useMemo(
    () =>
      process.shapes.map((shape) => ({
        id: shape.id,
        type: 'shape' as const,
        position: shape.position,
        data: { shape, problems: [] },
      })),
    [process.shapes],
  );
  const edges: Edge[] = useMemo(
    () =>
      process.edges.map((e) => {
        const counts = execution.shapes[e.from];
        const taken = counts ? (e.handle === 'error' ? counts.failed : counts.out) : undefined;
        return {
          id: e.id,
          source: e.from,
          target: e.to,
          sourceHandle: e.handle,
          targetHandle: 'in',
          label: taken === undefined ? e.handle : `${e.handle === 'out' ? '' : `${e.handle} · `}${taken}`,
          className: e.handle === 'error' ? 'edge-error' : undefined,
        };
      }),
    [process.edges, execution.shapes],
  );
  const run: RunState = useMemo(
    () => ({
      executionId: execution.id,
      mode: execution.mode,
      status: execution.status,
      shapes: execution.shapes,
      active: new Set(),
      failedShapes: new Set(
        Object.entries(execution.shapes)
          .filter(([, c]) => c.failed > 0)
          .map(([id]) => id),
      ),
    }),
    [execution],
  );
  return (
    <section
      aria-label="Process as it ran"
      className="panel execution-graph"
      // A shape takes the focus (Tab): Enter or Space on it does what a click does.
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
        if (!id || !onShapeClick) return;
        e.preventDefault();
        onShapeClick(id);
      }}
    >
      <RunContext.Provider value={run}>
        <ReactFlow<ShapeNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          onNodeClick={(_, node) => onShapeClick?.(node.id)}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
        </ReactFlow>
      </RunContext.Provider>
    </section>
  );
}
