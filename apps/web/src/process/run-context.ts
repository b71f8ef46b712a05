import type { ExecutionMode, ExecutionStatus, ShapeCounts } from '@flowline/contracts';
import { createContext, useContext } from 'react';

/** Live run state, kept out of node data so a progress tick does not rebuild the graph. */
export interface RunState {
  executionId: string;
  mode: ExecutionMode;
  status: ExecutionStatus | 'starting';
  shapes: Record<string, ShapeCounts>;
  active: ReadonlySet<string>;
  failedShapes: ReadonlySet<string>;
  /** What the run's log says besides failures, once it ended (a test run stopped at its limit). */
  notes?: string[];
}

export const RunContext = createContext<RunState | null>(null);

/** The live counters of one shape, when a run is shown. */
export function useShapeRun(shapeId: string) {
  const run = useContext(RunContext);
  if (!run) return null;
  return {
    counts: run.shapes[shapeId],
    active: run.active.has(shapeId),
    failed: run.failedShapes.has(shapeId) || (run.shapes[shapeId]?.failed ?? 0) > 0,
  };
}
