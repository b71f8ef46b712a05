import type { ValidationIssue } from '@flowline/mapping';

/** An issue's mark. Not ⛔: a machine without an emoji font draws it as an empty box. */
export const issueMark = (severity: ValidationIssue['severity']) => (severity === 'error' ? '✖' : '⚠');

/** Issues in a list, each marked as an error or a warning. */
export function IssueList({ label, issues }: { label: string; issues: ValidationIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul aria-label={label} className="plain-list issues">
      {issues.map((i) => (
        <li key={`${i.code}-${i.message}`} className={i.severity === 'error' ? 'bad' : 'warn'}>
          {issueMark(i.severity)} {i.message}
        </li>
      ))}
    </ul>
  );
}
