import type { ComponentBody } from '@flowline/contracts';
import { useState } from 'react';
import type { BodyEditorProps } from './draft.js';

/** The body as JSON text: the fallback for any component type without its own editor. */
export function JsonBodyEditor({ body, onChange }: BodyEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(body, null, 2));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="json-editor">
      <label>
        Body (JSON)
        <textarea
          value={text}
          rows={20}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange(JSON.parse(e.target.value) as ComponentBody);
              setError(null);
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        />
      </label>
      {error && (
        <p role="alert" className="field-error">
          Not valid JSON: {error}
        </p>
      )}
    </div>
  );
}
