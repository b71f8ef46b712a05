import { listFunctions } from '@flowline/mapping';

const functions = listFunctions();
const byCategory = [...new Set(functions.map((f) => f.category))].map(
  (category) => [category, functions.filter((f) => f.category === category)] as const,
);

/** A select of every mapping function by category; choosing one calls `onPick` and resets. */
export function FunctionPicker({ label, onPick }: { label: string; onPick: (fn: string) => void }) {
  return (
    <label>
      {label}
      <select value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
        <option value="">(choose a function)</option>
        {byCategory.map(([category, list]) => (
          <optgroup key={category} label={category}>
            {list.map((f) => (
              <option key={f.id} value={f.id} title={f.description}>
                {f.id}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
