import type { MapDefinition } from '@flowline/contracts';
import { type ValidationIssue, validateMap } from '@flowline/mapping';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { BodyEditorProps } from '../editor/draft.js';
import { flattenFields, type TreeRow } from '../tree/flatten.js';
import { AutoMapDialog } from './auto-map-dialog.js';
import { CollectionHint } from './collection-hint.js';
import { FunctionSurface } from './function-surface.js';
import { LoopRules } from './loop-rules.js';
import { MapConstants } from './map-constants.js';
import { MapDescription } from './map-description.js';
import { enclosingCollection, loopPaths } from './map-loops.js';
import { describeValue, link, normalizeMap, putRule, ruleFor, sourcesOf } from './map-rules.js';
import { MapTestPanel } from './map-test-panel.js';
import { MapTree } from './map-tree.js';
import { ProfileBindingPicker } from './profile-binding-picker.js';
import { RuleInspector } from './rule-inspector.js';

/** Source and target trees, linked by click (target, then source) or drag; rules checked live. */
export function MapEditor({ component, body, onChange }: BodyEditorProps<Partial<MapDefinition>>) {
  const map = useMemo(() => normalizeMap(body, component.name), [body, component.name]);
  // Profile pickers answer asynchronously: they patch the newest map, not the one they started from.
  const latest = useRef(map);
  latest.current = map;
  const set = (m: MapDefinition) => {
    // Two answers in one tick must build on each other, before React renders again.
    latest.current = m;
    onChange(m);
  };
  const [selected, setSelected] = useState<string | undefined>();
  const [autoMap, setAutoMap] = useState(false);
  const validation = useMemo(() => validateMap(map), [map]);
  const issuesByTarget = useMemo(() => {
    const by = new Map<string, ValidationIssue[]>();
    for (const i of [...validation.errors, ...validation.warnings]) {
      // Trees name fields without the `[]` of loop paths: `SalesOrderLines[].ItemNumber` is row `SalesOrderLines.ItemNumber`.
      const at = i.target?.replaceAll('[]', '');
      if (at) by.set(at, [...(by.get(at) ?? []), i]);
    }
    return by;
  }, [validation]);
  const issues = useMemo(() => [...validation.errors, ...validation.warnings], [validation]);
  const mappedTargets = useMemo(
    () => new Set(map.rules.flatMap((r) => (r.kind === 'loop' ? loopPaths(r).targets : [r.target]))),
    [map.rules],
  );
  const mappedSources = useMemo(
    () => new Set(map.rules.flatMap((r) => (r.kind === 'loop' ? loopPaths(r).sources : sourcesOf(r)))),
    [map.rules],
  );
  const sourcePaths = useMemo(
    () =>
      flattenFields(map.source.profile?.fields ?? [], new Set(), '', () => true).map((r: TreeRow) => r.path),
    [map.source.profile],
  );
  const linkTo = useCallback(
    (source: string, target = selected) => {
      if (target) onChange(link(map, target, source));
    },
    [map, selected, onChange],
  );
  const targetField = selected
    ? flattenFields(map.target.profile?.fields ?? [], new Set(), '', (p) => p === selected).find(
        (r) => r.path === selected,
      )?.field
    : undefined;
  const other = validation.errors.filter((i) => !i.target);

  return (
    <div className="map-editor">
      <section aria-labelledby="profiles-title" className="panel">
        <h2 id="profiles-title">Profiles</h2>
        <div className="form-grid">
          <ProfileBindingPicker
            side="Source"
            binding={map.source}
            onChange={(source) => set({ ...latest.current, source })}
          />
          <ProfileBindingPicker
            side="Target"
            binding={map.target}
            onChange={(target) => set({ ...latest.current, target })}
          />
          <div className="control">
            <span>Checks</span>
            <output aria-label="Map check" className={validation.valid ? 'ok' : 'bad'}>
              {validation.errors.length} errors · {validation.warnings.length} warnings
            </output>
            <button
              type="button"
              onClick={() => setAutoMap(true)}
              disabled={!map.source.profile || !map.target.profile}
            >
              Auto-map…
            </button>
          </div>
        </div>
        {other.length > 0 && (
          <ul aria-label="Map errors" className="plain-list">
            {other.map((i) => (
              <li key={i.message} className="bad">
                {i.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <datalist id="map-source-paths">
        {sourcePaths.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="map-columns with-surface">
        <MapTree
          side="Source"
          fields={map.source.profile?.fields ?? []}
          mapped={mappedSources}
          onActivate={(row) => linkTo(row.path)}
          hint={
            selected
              ? `Click a source field to map it to ${selected}.`
              : 'Pick a target field first, or drag a source onto a target.'
          }
          rowProps={(row) => ({
            draggable: true,
            onDragStart: (e) => e.dataTransfer.setData('text/x-flowline-source', row.path),
          })}
        />
        <FunctionSurface
          key={selected ?? ''}
          rule={selected ? ruleFor(map, selected) : undefined}
          target={selected}
          constants={Object.keys(map.constants ?? {})}
          onRule={(rule) => set(putRule(map, rule))}
        />
        <MapTree
          side="Target"
          fields={map.target.profile?.fields ?? []}
          mapped={mappedTargets}
          selected={selected}
          onActivate={(row) => setSelected(row.path)}
          hint="Click a target field to edit its input."
          issues={issuesByTarget}
          describe={(path) => {
            const r = ruleFor(map, path);
            return r ? `← ${describeValue(r.value, r)}` : undefined;
          }}
          rowProps={(row) => ({
            onDragOver: (e) => e.preventDefault(),
            onDrop: (e) => {
              const source = e.dataTransfer.getData('text/x-flowline-source');
              if (source) {
                setSelected(row.path);
                linkTo(source, row.path);
              }
            },
          })}
        />
      </div>
      {selected && enclosingCollection(map.target.profile?.fields, selected) && (
        <CollectionHint map={map} target={selected} onChange={set} />
      )}
      {selected && !enclosingCollection(map.target.profile?.fields, selected) && (
        <RuleInspector
          map={map}
          target={selected}
          field={targetField}
          issues={issuesByTarget.get(selected) ?? []}
          onChange={set}
        />
      )}
      <LoopRules map={map} issues={issues} onChange={set} />
      <MapConstants map={map} onChange={set} />
      <MapTestPanel map={map} />
      <MapDescription map={map} />
      {autoMap && (
        <AutoMapDialog
          map={map}
          onClose={() => setAutoMap(false)}
          onApply={(m) => {
            set(m);
            setAutoMap(false);
          }}
        />
      )}
    </div>
  );
}
