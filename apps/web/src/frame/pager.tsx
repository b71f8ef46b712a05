import type { pageAt } from './pages.js';

/** The buttons between the pages of a list, and which rows it shows ("51–100 of 132"). */
export function Pager({
  of,
  page,
  go,
  labels = ['Previous', 'Next'],
}: {
  /** What the list holds, for the pager's name ("Pages of executions"). */
  of: string;
  page: ReturnType<typeof pageAt>;
  go: (offset: number) => void;
  labels?: [previous: string, next: string];
}) {
  return (
    <nav aria-label={`Pages of ${of}`} className="toolbar pager">
      <button type="button" disabled={page.newer === undefined} onClick={() => go(page.newer ?? 0)}>
        {labels[0]}
      </button>
      <span>{page.label}</span>
      <button type="button" disabled={page.older === undefined} onClick={() => go(page.older ?? 0)}>
        {labels[1]}
      </button>
    </nav>
  );
}
