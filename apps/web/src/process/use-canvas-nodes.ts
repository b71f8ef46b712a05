import type { ProcessDefinition } from '@flowline/contracts';
import { type ProcessProblem, validateProcess } from '@flowline/engine';
import { type Dispatch, type SetStateAction, useEffect, useMemo, useState } from 'react';
import type { ShapeNode } from './shape-node.js';

/**
 * React Flow nodes for the process's shapes, with each shape's problems as its badge. Nodes whose
 * shape and problems did not change keep their identity, so memoised nodes do not re-render.
 */
export function useCanvasNodes(
  process: ProcessDefinition,
): [ShapeNode[], Dispatch<SetStateAction<ShapeNode[]>>, ProcessProblem[]] {
  const problems = useMemo(() => validateProcess(process), [process]);
  const [nodes, setNodes] = useState<ShapeNode[]>([]);
  useEffect(() => {
    const byShape = new Map<string, string[]>();
    for (const p of problems)
      if (p.shapeId) byShape.set(p.shapeId, [...(byShape.get(p.shapeId) ?? []), p.message]);
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return process.shapes.map((shape) => {
        const was = old.get(shape.id);
        const list = byShape.get(shape.id) ?? [];
        if (was && was.data.shape === shape && was.data.problems.join('\n') === list.join('\n')) return was;
        return {
          id: shape.id,
          type: 'shape',
          position: shape.position,
          data: { shape, problems: list },
          selected: was?.selected ?? false,
        };
      });
    });
  }, [process, problems]);
  return [nodes, setNodes, problems];
}
