import type { ProcessDefinition } from '@flowline/contracts';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import type { BodyEditorProps } from '../editor/draft.js';
import { ProcessCanvas } from './process-canvas.js';
import '@xyflow/react/dist/style.css';

/** The process body with its arrays present (a new process component starts nearly empty). */
function normalize(body: Partial<ProcessDefinition>, name: string): ProcessDefinition {
  if (Array.isArray(body.shapes) && Array.isArray(body.edges) && body.name) return body as ProcessDefinition;
  return {
    ...body,
    schemaVersion: 1,
    name: body.name ?? name,
    shapes: body.shapes ?? [],
    edges: body.edges ?? [],
  };
}

/** The process canvas inside its React Flow provider. */
export function ProcessEditor({
  component,
  body,
  onChange,
  dirty,
}: BodyEditorProps<Partial<ProcessDefinition>>) {
  const process = useMemo(() => normalize(body, component.name), [body, component.name]);
  return (
    <ReactFlowProvider>
      <ProcessCanvas process={process} onChange={onChange} processId={component.id} dirty={dirty} />
    </ReactFlowProvider>
  );
}
