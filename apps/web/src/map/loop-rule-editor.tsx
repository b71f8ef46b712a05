import type { FieldRule, LoopRule, MapDefinition } from '@flowline/contracts';
import type { ValidationIssue } from '@flowline/mapping';
import { FunctionPicker } from './function-picker.js';
import { FunctionSurface } from './function-surface.js';
import { withFunction } from './function-surface-model.js';
import { IssueList } from './issue-list.js';
import { addInnerRule, autoMapLoop, deleteRule, elementFields, replaceRule } from './map-loops.js';
import { ValueRefInput } from './value-ref-input.js';

/** Options of a select, keeping the current value even when the profile no longer has it. */
function withCurrent(options: string[], current: string): string[] {
  return options.includes(current) ? options : [current, ...options];
}

/**
 * One top-level loop rule: its source and target collections, and the field rules inside it, which
 * read the current element, the parent (the document, for a top-level loop) or the document.
 */
export function LoopRuleEditor({
  map,
  loop,
  n,
  sourceCollections,
  targetCollections,
  issues,
  onChange,
}: {
  map: MapDefinition;
  loop: LoopRule;
  /** 1-based position, used in every control's name. */
  n: number;
  sourceCollections: string[];
  targetCollections: string[];
  issues: ValidationIssue[];
  onChange: (m: MapDefinition) => void;
}) {
  const targetFields = elementFields(map.target.profile?.fields, loop.target);
  const sourceFields = elementFields(map.source.profile?.fields, loop.source);
  const listId = `loop-${loop.id}-sources`;
  const save = (next: LoopRule) => onChange(replaceRule(map, loop.id, next));
  const setInner = (rule: FieldRule) =>
    save({ ...loop, rules: loop.rules.map((r) => (r.id === rule.id ? rule : r)) });
  const innerIds = new Set(loop.rules.map((r) => r.id));
  const prefix = `${loop.target}.`;
  // The loop's own issues, and those of its element no inner rule owns (e.g. an unmapped mandatory field).
  const own = issues.filter(
    (i) => i.ruleId === loop.id || (!innerIds.has(i.ruleId ?? '') && i.target?.startsWith(prefix)),
  );
  const label = `Loop ${n}`;
  return (
    <fieldset className="loop-rule" aria-label={`${label}: ${loop.source} → ${loop.target}`}>
      <legend>
        {label}: for each <code>{loop.source}</code> write one <code>{loop.target}</code>
      </legend>
      <div className="form-grid">
        <label>
          {label} source collection
          <select value={loop.source} onChange={(e) => save({ ...loop, source: e.target.value })}>
            {withCurrent(sourceCollections, loop.source).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {label} target collection
          <select value={loop.target} onChange={(e) => save({ ...loop, target: e.target.value })}>
            {withCurrent(targetCollections, loop.target).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <div className="control">
          <label>
            <input
              type="checkbox"
              checked={loop.condition !== undefined}
              onChange={(e) => {
                const { condition: _old, ...rest } = loop;
                save(e.target.checked ? { ...rest, condition: { type: 'source', path: '' } } : rest);
              }}
            />
            {label}: only elements where a value is set
          </label>
          {loop.condition && (
            <ValueRefInput
              label={`${label} condition`}
              value={loop.condition}
              steps={(loop.steps ?? []).map((s) => s.id)}
              sourceListId={listId}
              constants={Object.keys(map.constants ?? {})}
              scopedSources={{ listFor: (scope) => (scope === 'current' ? listId : 'map-source-paths') }}
              onChange={(condition) => save({ ...loop, condition })}
            />
          )}
        </div>
      </div>
      <IssueList label={`Issues of loop ${n}`} issues={own} />
      <datalist id={listId}>
        {sourceFields.map((f) => (
          <option key={f.name} value={f.name} />
        ))}
      </datalist>
      {loop.rules.length === 0 && (
        <p className="status empty">No rule inside yet: each element is written empty.</p>
      )}
      <ol aria-label={`Rules of loop ${n}`} className="plain-list loop-inner">
        {loop.rules.map((r, k) => {
          const name = `Loop ${n} rule ${k + 1}`;
          if (r.kind === 'loop')
            return (
              <li key={r.id}>
                Nested loop {r.source} → {r.target} ({r.rules.length} rules)
              </li>
            );
          const names = targetFields
            .filter((f) => f.kind !== 'navigation')
            .map((f) => f.name)
            .sort();
          return (
            <li key={r.id} className="form-grid loop-inner-rule">
              <label>
                {name} target
                <select value={r.target} onChange={(e) => setInner({ ...r, target: e.target.value })}>
                  {withCurrent(names, r.target).map((t) => {
                    const f = targetFields.find((x) => x.name === t);
                    return (
                      <option key={t} value={t}>
                        {t}
                        {f?.mandatory ? ' *' : ''}
                        {f?.readOnly ? ' (read-only)' : ''}
                      </option>
                    );
                  })}
                </select>
              </label>
              <div className="control">
                <span>{name} value</span>
                <ValueRefInput
                  label={name}
                  value={r.value}
                  steps={(r.steps ?? []).map((s) => s.id)}
                  sourceListId={listId}
                  constants={Object.keys(map.constants ?? {})}
                  scopedSources={{ listFor: (scope) => (scope === 'current' ? listId : 'map-source-paths') }}
                  onChange={(value) => setInner({ ...r, value })}
                />
              </div>
              <label>
                {name} default
                <input
                  value={r.default === undefined ? '' : String(r.default)}
                  onChange={(e) =>
                    setInner({ ...r, default: e.target.value === '' ? undefined : e.target.value })
                  }
                />
              </label>
              <button type="button" onClick={() => onChange(deleteRule(map, r.id))}>
                Remove {name.toLowerCase()}
              </button>
              <FunctionPicker
                label={`Function for ${name.toLowerCase()}`}
                onPick={(fn) => {
                  // Box ids carry the rule's id: unique in the map, so every box's controls are named apart.
                  const next = withFunction(r, fn, `${r.id}f`);
                  if (next) setInner(next);
                }}
              />
              <IssueList
                label={`Issues of ${name.toLowerCase()}`}
                issues={issues.filter((i) => i.ruleId === r.id)}
              />
              {(r.steps?.length ?? 0) > 0 && (
                <div className="loop-inner-functions">
                  <FunctionSurface
                    rule={r}
                    target={`${loop.target}.${r.target}`}
                    label={`Function boxes of ${name.toLowerCase()}`}
                    constants={Object.keys(map.constants ?? {})}
                    onRule={setInner}
                    sourceListId={listId}
                    scopedSources={{
                      listFor: (scope) => (scope === 'current' ? listId : 'map-source-paths'),
                    }}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <div className="toolbar">
        <button type="button" onClick={() => onChange(addInnerRule(map, loop))}>
          Add rule to loop {n}
        </button>
        <button type="button" onClick={() => onChange(autoMapLoop(map, loop))}>
          Map loop {n} by name
        </button>
        <button type="button" onClick={() => onChange(deleteRule(map, loop.id))}>
          Remove loop {n}
        </button>
      </div>
    </fieldset>
  );
}
