import { type ChangeEvent, useId, useRef, useState } from 'react';

/** Applies a value; answers why it was refused, or null. `edit` names one visit of the field. */
export type Apply = (text: string, edit: string) => string | null;

/** The refusal as the person needs it: the shape's id and kind are already on screen. */
const reasonOf = (refusal: string) => refusal.replace(/^Shape "[^"]*" \([^)]*\): /, '');

/**
 * A text field with a draft. Typing is free: every value the reducer accepts is applied at once (all
 * of one visit to the field is one undoable edit), a refused value stays in the field with its reason
 * (aria-invalid) until it becomes valid; Escape goes back to the applied value.
 */
export function DraftField({
  label,
  value,
  apply,
  multiline = false,
  type = 'text',
  rows = 3,
  refused,
  invalid,
}: {
  label: string;
  value: string;
  apply: Apply;
  /** Says in the field's own words why a value was refused (the reducer speaks of the whole shape). */
  refused?: (text: string) => string;
  /** Why the value shown is not applied yet, when the field starts out refused. */
  invalid?: string | undefined;
  multiline?: boolean;
  type?: 'text' | 'number';
  rows?: number;
}) {
  const id = useId();
  const visit = useRef(0);
  const [draft, setDraft] = useState<string | null>(invalid === undefined ? null : value);
  const [error, setError] = useState<string | null>(invalid ?? null);
  const change = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const text = e.target.value;
    const refusal = apply(text, `${id}:${visit.current}`);
    setDraft(refusal ? text : null);
    setError(refusal ? (refused?.(text) ?? reasonOf(refusal)) : null);
  };
  const props = {
    id: `${id}-field`,
    value: draft ?? value,
    onChange: change,
    // The next visit to the field is a new edit of its own.
    onBlur: () => {
      visit.current += 1;
    },
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Escape' && draft !== null) {
        setDraft(null);
        setError(null);
      }
    },
    'aria-invalid': error ? true : undefined,
    'aria-errormessage': error ? `${id}-error` : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  return (
    <>
      <label htmlFor={`${id}-field`}>
        {label}
        {multiline ? <textarea className="mono" rows={rows} {...props} /> : <input type={type} {...props} />}
      </label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          Not applied: {error}
        </p>
      )}
    </>
  );
}
