import type { ConnectionBody, MapDefinition, OperationBody, ProcessDefinition } from '@flowline/contracts';
import { lazy, Suspense } from 'react';
import { ConnectionEditor } from '../connection/connection-editor.js';
import { Loading } from '../frame/status.js';
import { OperationBuilder } from '../operation/operation-builder.js';
import type { BodyEditorProps } from './draft.js';
import { JsonBodyEditor } from './json-body-editor.js';

// The canvas (React Flow) and the map editor (the mapping engine) load only when opened.
const MapEditor = lazy(() => import('../map/map-editor.js').then((m) => ({ default: m.MapEditor })));
const ProcessEditor = lazy(() =>
  import('../process/process-editor.js').then((m) => ({ default: m.ProcessEditor })),
);

/** Picks the editor for the component's type. */
export function BodyEditor(props: BodyEditorProps) {
  const { body, onChange, ...rest } = props;
  switch (props.component.type) {
    case 'connection':
      return (
        <ConnectionEditor
          // A new revision re-reads which secrets are set.
          key={props.component.version}
          {...rest}
          body={body as ConnectionBody}
          onChange={onChange as (b: ConnectionBody) => void}
        />
      );
    case 'operation':
      return (
        <OperationBuilder
          {...rest}
          body={body as OperationBody}
          onChange={onChange as (b: OperationBody) => void}
        />
      );
    case 'map':
      return (
        <Suspense fallback={<Loading what="the map editor" />}>
          <MapEditor
            {...rest}
            body={body as Partial<MapDefinition>}
            onChange={onChange as (b: Partial<MapDefinition>) => void}
          />
        </Suspense>
      );
    case 'process':
      return (
        <Suspense fallback={<Loading what="the canvas" />}>
          <ProcessEditor
            {...rest}
            body={body as Partial<ProcessDefinition>}
            onChange={onChange as (b: Partial<ProcessDefinition>) => void}
          />
        </Suspense>
      );
    default:
      return <JsonBodyEditor key={props.component.version} {...props} />;
  }
}
