import type { ProcessDefinition } from '@flowline/contracts';
import { type ProcessProblem, validateProcess } from '@flowline/engine';

// The engine's reducer validates every revision it produces; remembering that answer by revision
// means the canvas validates each revision once (undo/redo revisit known ones for free).
const known = new WeakMap<ProcessDefinition, ProcessProblem[]>();

/** The problems of one revision of a process, validated at most once per revision. */
export function problemsOf(process: ProcessDefinition): ProcessProblem[] {
  let problems = known.get(process);
  if (!problems) {
    problems = validateProcess(process);
    known.set(process, problems);
  }
  return problems;
}

/** Records problems already computed for a revision (the reducer's own answer). */
export function rememberProblems(process: ProcessDefinition, problems: ProcessProblem[]): void {
  known.set(process, problems);
}

/** Each shape's problem messages, by shape id. */
export function problemsByShape(problems: ProcessProblem[]): Map<string, string[]> {
  const byShape = new Map<string, string[]>();
  for (const p of problems) {
    if (!p.shapeId) continue;
    const list = byShape.get(p.shapeId);
    if (list) list.push(p.message);
    else byShape.set(p.shapeId, [p.message]);
  }
  return byShape;
}
