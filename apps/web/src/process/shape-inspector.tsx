import {
  type Component,
  canStartProcess,
  type OnError,
  type OperationBody,
  type ProcessDefinition,
  type Shape,
} from '@flowline/contracts';
import { canFail, kindLabels, type ProcessOperation } from '@flowline/engine';
import { memo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useEveryComponent } from '../api/queries.js';
import { DraftField } from './draft-field.js';
import { DecisionFields, SetPropertiesFields } from './rule-fields.js';
import { ShapeOutputs } from './shape-outputs.js';

type Config = Shape['config'];

/** Configures the selected shape; every change is one undoable operation. */
export const ShapeInspector = memo(function ShapeInspector({
  shape,
  process,
  problems,
  dispatch,
}: {
  shape: Shape;
  /** The whole process: where the shape's outputs may lead. */
  process: ProcessDefinition;
  problems: string[];
  dispatch: (op: ProcessOperation, edit?: string) => string | null;
}) {
  const operations = useEveryComponent('operation');
  const maps = useEveryComponent('map');
  const onError = 'onError' in shape ? shape.onError : undefined;
  const configure = (config: Config, err: OnError | undefined = onError, edit?: string) =>
    dispatch({ type: 'configureShape', shapeId: shape.id, config, ...(err ? { onError: err } : {}) }, edit);
  const c = shape.config as Record<string, unknown>;
  const [failure, setFailure] = useState<string | null>(null);
  const pickOperation = async (id: string, extra: Record<string, unknown> = {}) => {
    setFailure(null);
    if (!id) return configure({ ...c, ...extra, operationId: undefined, connectionId: undefined } as Config);
    const op = await api<Component>(`/api/components/${id}`).catch((e: Error) => {
      setFailure(`Could not read the operation: ${e.message}`);
      return null;
    });
    if (!op) return null;
    configure({
      ...c,
      ...extra,
      operationId: id,
      connectionId: (op.body as OperationBody).connectionId,
    } as Config);
  };
  // A start offers the operations that read (one that writes cannot start a process), but keeps
  // showing the one chosen, whose problem then says why.
  const opSelect = (extra: Record<string, unknown> = {}, reads = false) => (
    <>
      <label>
        Operation
        <select
          value={(c.operationId as string) ?? ''}
          onChange={(e) => pickOperation(e.target.value, extra)}
        >
          <option value="">(choose an operation)</option>
          {operations.data?.items
            .filter((o) => !reads || canStartProcess(o.action) || o.id === c.operationId)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.action ? `${o.name} · ${o.action}` : o.name}
              </option>
            ))}
        </select>
        {operations.isError && (
          <span className="field-error">Could not load the operations: {operations.error.message}</span>
        )}
      </label>
      <OpenComponent
        id={c.operationId as string | undefined}
        list={operations.data?.items}
        what="operation"
      />
    </>
  );
  return (
    <aside aria-labelledby="inspector-title" className="side-panel inspector">
      <h2 id="inspector-title">{kindLabels[shape.kind]} shape</h2>
      {failure && (
        <p role="alert" className="field-error">
          {failure}
        </p>
      )}
      {problems.length > 0 && (
        <ul aria-label="Shape problems" className="plain-list issues">
          {problems.map((p) => (
            <li key={p} className="bad">
              {p}
            </li>
          ))}
        </ul>
      )}
      <DraftField
        label="Shape name"
        value={shape.name ?? ''}
        apply={(name, edit) => dispatch({ type: 'renameShape', shapeId: shape.id, name }, edit)}
      />
      {shape.kind === 'start' && (
        <>
          <label>
            Documents come from
            <select value={shape.config.mode} onChange={(e) => configure({ mode: e.target.value } as Config)}>
              <option value="operation">an operation (query)</option>
              <option value="none">one empty document</option>
              <option value="documents">documents passed by the caller</option>
            </select>
          </label>
          {shape.config.mode === 'operation' && opSelect({ mode: 'operation' }, true)}
        </>
      )}
      {shape.kind === 'connector' && (
        <>
          {opSelect()}
          <label>
            If-Match
            <select
              value={shape.config.ifMatch ?? 'tracked'}
              onChange={(e) => configure({ ...shape.config, ifMatch: e.target.value as 'tracked' })}
            >
              <option value="tracked">the ETag read earlier</option>
              <option value="*">any version (*)</option>
              <option value="none">none</option>
            </select>
          </label>
        </>
      )}
      {shape.kind === 'map' && (
        <label>
          Map
          <select
            value={shape.config.mapId ?? ''}
            onChange={(e) => configure({ mapId: e.target.value || undefined })}
          >
            <option value="">(choose a map)</option>
            {maps.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {maps.isError && <span className="field-error">Could not load the maps: {maps.error.message}</span>}
        </label>
      )}
      {shape.kind === 'map' && <OpenComponent id={shape.config.mapId} list={maps.data?.items} what="map" />}
      {shape.kind === 'decision' && (
        <DecisionFields config={shape.config} onChange={(config, edit) => configure(config, onError, edit)} />
      )}
      {shape.kind === 'setProperties' && (
        <SetPropertiesFields
          config={shape.config}
          onChange={(config, edit) => configure(config, onError, edit)}
        />
      )}
      {shape.kind === 'branch' && (
        <DraftField
          label="Paths"
          type="number"
          value={String(shape.config.paths)}
          apply={(text, edit) =>
            text.trim() === ''
              ? 'The number of paths is missing (2 to 25).'
              : configure({ paths: Number(text) }, onError, edit)
          }
        />
      )}
      {shape.kind === 'message' && (
        <DraftField
          label="Template"
          multiline
          value={shape.config.template ?? ''}
          apply={(template, edit) => configure({ ...shape.config, template }, onError, edit)}
        />
      )}
      {shape.kind === 'stop' && (
        <label>
          Stops
          <select value={shape.config.scope} onChange={(e) => configure({ scope: e.target.value as 'path' })}>
            <option value="path">this path</option>
            <option value="run">the whole run</option>
          </select>
        </label>
      )}
      {canFail(shape.kind) && (
        <label>
          When a document fails
          <select value={onError ?? ''} onChange={(e) => configure(shape.config, e.target.value as OnError)}>
            <option value="" disabled>
              (choose)
            </option>
            <option value="errorPath">send it out of the error handle</option>
            <option value="failRun">fail the run</option>
          </select>
        </label>
      )}
      <ShapeOutputs shape={shape} process={process} dispatch={dispatch} />
    </aside>
  );
});

/** A link to the operation or map a shape uses, to read or change it (the canvas asks before leaving unsaved). */
function OpenComponent({
  id,
  list,
  what,
}: {
  id: string | undefined;
  list: { id: string; name: string }[] | undefined;
  what: 'operation' | 'map';
}) {
  const found = id ? list?.find((o) => o.id === id) : undefined;
  if (!found) return null;
  return (
    <Link to={`/components/${found.id}`} aria-label={`Open the ${what} ${found.name}`}>
      Open the {what}
    </Link>
  );
}
