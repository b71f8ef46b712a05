import type { ProcessDefinition } from '@flowline/contracts';
import type { ProcessProblem } from '@flowline/engine';
import { type Dispatch, type SetStateAction, useCallback, useState } from 'react';
import { problemsByShape } from './process-problems.js';
import type { ShapeNode } from './shape-node.js';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * React Flow nodes for a revision: a node whose shape and problems did not change is kept as it was
 * (same object, so neither React Flow nor the memoised node re-renders it, and its measured size stays).
 */
export function nodesFor(
  process: ProcessDefinition,
  problems: ProcessProblem[],
  previous: readonly ShapeNode[],
): ShapeNode[] {
  const byShape = problemsByShape(problems);
  const old = new Map(previous.map((n) => [n.id, n]));
  return process.shapes.map((shape) => {
    const was = old.get(shape.id);
    const list = byShape.get(shape.id) ?? [];
    if (was && was.data.shape === shape && sameList(was.data.problems, list)) return was;
    const problemsKept = was && sameList(was.data.problems, list) ? was.data.problems : list;
    return {
      id: shape.id,
      type: 'shape',
      position: shape.position,
      data: { shape, problems: problemsKept },
      selected: was?.selected ?? false,
      ...(was?.measured ? { measured: was.measured } : {}),
    };
  });
}

interface State {
  process: ProcessDefinition;
  problems: ProcessProblem[];
  nodes: ShapeNode[];
}

/**
 * The nodes of the process on the canvas. They are derived during render (not in an effect), so the
 * first paint already holds every shape and an edit costs one render, not two.
 */
export function useCanvasNodes(
  process: ProcessDefinition,
  problems: ProcessProblem[],
): [ShapeNode[], Dispatch<SetStateAction<ShapeNode[]>>] {
  const [state, setState] = useState<State>(() => ({
    process,
    problems,
    nodes: nodesFor(process, problems, []),
  }));
  let current = state;
  if (state.process !== process || state.problems !== problems) {
    // React's "adjust state while rendering": the render restarts at once, nothing stale is committed.
    current = { process, problems, nodes: nodesFor(process, problems, state.nodes) };
    setState(current);
  }
  const setNodes = useCallback<Dispatch<SetStateAction<ShapeNode[]>>>(
    (next) => setState((s) => ({ ...s, nodes: typeof next === 'function' ? next(s.nodes) : next })),
    [],
  );
  return [current.nodes, setNodes];
}
