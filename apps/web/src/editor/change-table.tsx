import { type Change, preview } from './json-diff.js';

/** Rows a change table shows; the rest are counted. */
const SHOWN = 50;

/** Changes, field by field, before and after. */
export function ChangeTable({ caption, changes }: { caption: string; changes: Change[] }) {
  if (changes.length === 0) return <p>{caption}: none.</p>;
  return (
    <table aria-label={caption} className="diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.slice(0, SHOWN).map((c) => (
          <tr key={c.path}>
            <td>{c.path}</td>
            <td>{preview(c.before)}</td>
            <td>{preview(c.after)}</td>
          </tr>
        ))}
      </tbody>
      {changes.length > SHOWN && (
        <tfoot>
          <tr>
            <td colSpan={3}>… and {changes.length - SHOWN} more changes.</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
