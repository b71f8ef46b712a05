import type { Component, OnError, OperationBody, Shape } from '@flowline/contracts';
import { canFail, type ProcessOperation } from '@flowline/engine';
import { api } from '../api/client.js';
import { useComponents } from '../api/queries.js';
import { DecisionFields, SetPropertiesFields } from './rule-fields.js';
import { kindLabels } from './shape-node.js';

type Config = Shape['config'];

/** Configures the selected shape; every change is one undoable operation. */
export function ShapeInspector({
  shape,
  problems,
  dispatch,
}: {
  shape: Shape;
  problems: string[];
  dispatch: (op: ProcessOperation) => string | null;
}) {
  const operations = useComponents({ type: 'operation' });
  const maps = useComponents({ type: 'map' });
  const onError = 'onError' in shape ? shape.onError : undefined;
  const configure = (config: Config, err: OnError | undefined = onError) =>
    dispatch({ type: 'configureShape', shapeId: shape.id, config, ...(err ? { onError: err } : {}) });
  const c = shape.config as Record<string, unknown>;
  const pickOperation = async (id: string, extra: Record<string, unknown> = {}) => {
    if (!id) return configure({ ...c, ...extra, operationId: undefined, connectionId: undefined } as Config);
    const op = await api<Component>(`/api/components/${id}`);
    configure({
      ...c,
      ...extra,
      operationId: id,
      connectionId: (op.body as OperationBody).connectionId,
    } as Config);
  };
  const opSelect = (extra: Record<string, unknown> = {}) => (
    <label>
      Operation
      <select value={(c.operationId as string) ?? ''} onChange={(e) => pickOperation(e.target.value, extra)}>
        <option value="">(choose an operation)</option>
        {operations.data?.items.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <aside aria-labelledby="inspector-title" className="side-panel inspector">
      <h2 id="inspector-title">{kindLabels[shape.kind]} shape</h2>
      {problems.length > 0 && (
        <ul aria-label="Shape problems" className="plain-list issues">
          {problems.map((p) => (
            <li key={p} className="bad">
              {p}
            </li>
          ))}
        </ul>
      )}
      <label>
        Shape name
        <input
          defaultValue={shape.name ?? ''}
          key={shape.id}
          onBlur={(e) =>
            e.target.value !== (shape.name ?? '') &&
            dispatch({ type: 'renameShape', shapeId: shape.id, name: e.target.value })
          }
        />
      </label>
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
          {shape.config.mode === 'operation' && opSelect({ mode: 'operation' })}
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
        </label>
      )}
      {shape.kind === 'decision' && (
        <DecisionFields config={shape.config} onChange={(config) => configure(config)} />
      )}
      {shape.kind === 'setProperties' && (
        <SetPropertiesFields config={shape.config} onChange={(config) => configure(config)} />
      )}
      {shape.kind === 'branch' && (
        <label>
          Paths
          <input
            type="number"
            min={2}
            max={25}
            value={shape.config.paths}
            onChange={(e) => configure({ paths: Number(e.target.value) })}
          />
        </label>
      )}
      {shape.kind === 'message' && (
        <label>
          Template
          <textarea
            rows={3}
            value={shape.config.template ?? ''}
            onChange={(e) => configure({ ...shape.config, template: e.target.value })}
          />
        </label>
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
    </aside>
  );
}
