import { readError } from './infolog.js';

/** An error with F&O's Infolog shown line by line (the text people act on), then the request. */
export function ErrorText({ message, label }: { message: string; label: string }) {
  const { summary, infolog, request } = readError(message);
  return (
    <section className="bad error-text" aria-label={label}>
      <p>{summary}</p>
      {infolog.length > 0 && (
        <ul aria-label="Infolog" className="infolog">
          {infolog.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {request && <p className="hint">{request}</p>}
    </section>
  );
}
