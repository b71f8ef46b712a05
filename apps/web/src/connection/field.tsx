import { useId } from 'react';

/** A labelled text or number input with its help text read out as its description. */
export function Field({
  label,
  help,
  value,
  onChange,
  type = 'text',
  placeholder,
}: {
  label: string;
  help: string;
  value: string | number | undefined;
  onChange: (v: string) => void;
  type?: 'text' | 'number' | 'url';
  placeholder?: string;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value ?? ''}
        placeholder={placeholder}
        aria-describedby={helpId}
        onChange={(e) => onChange(e.target.value)}
      />
      <small id={helpId}>{help}</small>
    </div>
  );
}
