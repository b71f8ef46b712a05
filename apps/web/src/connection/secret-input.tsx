import type { SecretField } from '@flowline/contracts';
import { useId, useState } from 'react';

/**
 * A write-only secret: the API only says whether it is set. Typing replaces it; "Keep" sends
 * `{ set: true }` back so the stored value stays.
 */
export function SecretInput({
  label,
  help,
  value,
  onChange,
}: {
  label: string;
  help: string;
  value: SecretField | undefined;
  onChange: (v: SecretField | undefined) => void;
}) {
  const stored = typeof value === 'object' && value !== null && value.set;
  const [replacing, setReplacing] = useState(!stored);
  const id = useId();
  const helpId = `${id}-help`;
  if (stored && !replacing)
    return (
      <div className="secret">
        <span>{label}</span>
        <span className="ok">Set</span>
        <button
          type="button"
          aria-label={`Replace ${label.toLowerCase()}`}
          onClick={() => setReplacing(true)}
        >
          Replace
        </button>
        <small id={helpId}>{help} Stored encrypted; it is never shown again.</small>
      </div>
    );
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        aria-describedby={helpId}
        value={typeof value === 'string' ? value : ''}
        placeholder={stored ? 'Type the new value' : 'Not set'}
        onChange={(e) => onChange(e.target.value || (stored ? { set: true } : undefined))}
      />
      <small id={helpId}>{help}</small>
    </div>
  );
}
