import type {
  ComponentSummary,
  ExecutionMode,
  ExecutionStatus,
  ExecutionSummary,
  Folder,
} from '@flowline/contracts';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { startExecution, useLatestExecutions } from '../api/execution-queries.js';
import { useEveryComponent, useFolders } from '../api/queries.js';
import { useMay } from '../api/session.js';
import { CreateComponentForm } from '../components-page/create-component-form.js';
import { FolderOptions } from '../components-page/folder-options.js';
import { SandboxExampleOffer } from '../components-page/sandbox-example.js';
import { confirmFullRun } from '../process/confirm-full-run.js';
import type { RunDocuments } from '../process/run-documents.js';
import { useDocumentsAsker } from '../process/run-documents-dialog.js';
import { SearchBox } from './search-box.js';
import { Empty, Failed, Loading } from './status.js';
import { useAddress } from './use-address.js';

/** What the Last run filter offers: by how each process last ran (the newest of its executions). */
const lastRunFilters: {
  value: string;
  label: string;
  /** The filter in words, after "No process …". */
  says: string;
  keeps: (status: ExecutionStatus | undefined) => boolean;
}[] = [
  { value: '', label: 'any', says: '', keeps: () => true },
  {
    value: 'failed',
    label: 'failed or interrupted',
    says: 'whose last run failed or was interrupted',
    keeps: (s) => s === 'failed' || s === 'interrupted',
  },
  {
    value: 'succeeded',
    label: 'succeeded',
    says: 'whose last run succeeded',
    keeps: (s) => s === 'succeeded',
  },
  {
    value: 'running',
    label: 'queued or running',
    says: 'that is queued or running',
    keeps: (s) => s === 'queued' || s === 'running',
  },
  { value: 'never', label: 'never run', says: 'that never ran', keeps: (s) => s === undefined },
];

/**
 * Every process with its folder and how its last run went, a test run and a preview one click away, a
 * full run after a confirmation (one that takes documents from its caller asks for them instead), and
 * its runs.
 */
export function ProcessesPage() {
  const processes = useEveryComponent('process');
  const latest = useLatestExecutions();
  const lastRun = new Map(latest.data?.items.map((e) => [e.processId, e]));
  const folders = useFolders();
  const folderById = new Map(folders.data?.items.map((f) => [f.id, f]));
  const canDesign = useMay('design');
  const canRun = useMay('run');
  const { params, change } = useAddress();
  const search = params.get('q') ?? '';
  const last = lastRunFilters.find((f) => f.value === params.get('last')) ?? lastRunFilters[0]!;
  const wanted = search.trim().toLowerCase();
  // A folder's id, or `top` for the top level; a folder deleted since (an old link) filters nothing.
  const folderParam = params.get('folder') ?? '';
  const chosenFolder = folderById.get(folderParam);
  const where = folderParam === 'top' ? null : chosenFolder?.id;
  const shown =
    processes.data?.items.filter(
      (p) =>
        p.name.toLowerCase().includes(wanted) &&
        (where === undefined || p.folderId === where) &&
        last.keeps(lastRun.get(p.id)?.status),
    ) ?? [];
  return (
    <section aria-labelledby="processes-title">
      <h1 id="processes-title">Processes</h1>
      <div className="toolbar">
        <SearchBox value={search} onChange={(q) => change({ q })} />
        <label>
          Folder
          <select
            value={where === undefined ? '' : folderParam}
            onChange={(e) => change({ folder: e.target.value })}
          >
            <option value="">any</option>
            <FolderOptions folders={folders.data?.items ?? []} top="top" />
          </select>
        </label>
        <label>
          Last run
          <select value={last.value} onChange={(e) => change({ last: e.target.value })}>
            {lastRunFilters.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* Filtered by their last runs, the list waits for them: not every process, then fewer. */}
      {processes.isPending || (last.value && latest.isPending) ? (
        <Loading what="processes" />
      ) : processes.isError ? (
        <Failed what="processes" error={processes.error} retry={() => processes.refetch()} />
      ) : processes.data.items.length === 0 ? (
        <Empty>{canDesign ? 'No process yet. Create one below.' : 'No process yet.'}</Empty>
      ) : shown.length === 0 ? (
        <Empty>
          No process{wanted ? ` named like “${search.trim()}”` : ''}
          {where === null ? ' at the top level' : chosenFolder ? ` in “${chosenFolder.name}”` : ''}
          {last.value ? ` ${last.says}` : ''}.
        </Empty>
      ) : (
        <table aria-label="Processes">
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Folder</th>
              <th scope="col">Last run</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <ProcessRow
                key={p.id}
                process={p}
                folder={p.folderId ? folderById.get(p.folderId) : undefined}
                last={lastRun.get(p.id)}
                loading={latest.isPending}
                canRun={canRun}
              />
            ))}
          </tbody>
        </table>
      )}
      {latest.isError && <Failed what="the last runs" error={latest.error} retry={() => latest.refetch()} />}
      {canDesign && (
        <CreateComponentForm
          key={chosenFolder?.id}
          folders={folders.data?.items ?? []}
          defaultFolderId={chosenFolder?.id}
          only="process"
        />
      )}
      {canDesign && processes.data?.items.length === 0 && <SandboxExampleOffer />}
    </section>
  );
}

function ProcessRow({
  process,
  folder,
  last,
  loading,
  canRun,
}: {
  process: ComponentSummary;
  /** Absent at the top level, or until the folders are read. */
  folder: Folder | undefined;
  last: ExecutionSummary | undefined;
  loading: boolean;
  canRun: boolean;
}) {
  const navigate = useNavigate();
  const run = useMutation({
    mutationFn: ({ mode, documents }: { mode: ExecutionMode; documents?: RunDocuments }) =>
      startExecution(process.id, mode, documents),
    onSuccess: ({ id }) => navigate(`/executions/${id}`),
    // Changed since the list was read to take documents: asked for them now.
    onError: (error, { mode }) => takesDocuments(error) && documents.ask(mode),
  });
  const documents = useDocumentsAsker((mode, given) => run.mutate({ mode, documents: given }), process.name);
  const start = (mode: ExecutionMode) =>
    process.takesDocuments ? documents.ask(mode) : run.mutate({ mode });
  const more = process.takesDocuments ? '…' : '';
  return (
    <tr>
      <td>
        <Link to={`/components/${process.id}`}>{process.name}</Link> <small>rev {process.version}</small>
      </td>
      <td>
        {folder ? (
          <Link
            to={`/components?folder=${folder.id}`}
            aria-label={`Folder of ${process.name}: ${folder.name}`}
          >
            {folder.name}
          </Link>
        ) : (
          <span className="hint">{process.folderId ? '…' : 'top level'}</span>
        )}
      </td>
      <td>
        {last ? (
          <>
            <span className={`status-badge status-${last.status}`}>{last.status}</span>{' '}
            <Link to={`/executions/${last.id}`} aria-label={`Last run of ${process.name}: ${last.status}`}>
              {new Date(last.startedAt ?? last.createdAt).toLocaleString()}
            </Link>{' '}
            <small>{last.mode}</small>
          </>
        ) : loading ? (
          '…'
        ) : (
          <span className="hint">never run</span>
        )}
        {last?.error && (
          <div className="field-error clamped" title={last.error}>
            {last.error}
          </div>
        )}
      </td>
      <td>
        <div className="row-actions">
          {canRun && (
            <>
              <button
                type="button"
                aria-label={`Test run ${process.name}`}
                disabled={run.isPending}
                onClick={() => start('test')}
              >
                {run.isPending && run.variables.mode === 'test' ? 'Starting…' : `Test run${more}`}
              </button>
              <button
                type="button"
                aria-label={`Preview ${process.name}`}
                title="A test run that writes nothing: each write shows the request it would send"
                disabled={run.isPending}
                onClick={() => start('preview')}
              >
                {run.isPending && run.variables.mode === 'preview' ? 'Starting…' : `Preview${more}`}
              </button>
              <button
                type="button"
                aria-label={`Run full ${process.name}`}
                title="Every document its start reads; its writes are real"
                disabled={run.isPending}
                onClick={() => (process.takesDocuments || confirmFullRun(process.name)) && start('full')}
              >
                {run.isPending && run.variables.mode === 'full' ? 'Starting…' : `Run full${more}`}
              </button>
            </>
          )}
          <Link to={`/executions?processId=${process.id}`} aria-label={`Runs of ${process.name}`}>
            Runs
          </Link>
        </div>
        {run.isError && !takesDocuments(run.error) && (
          <p role="alert" className="field-error">
            {run.error.message}
          </p>
        )}
        {documents.dialog}
      </td>
    </tr>
  );
}

/** Whether a run was refused for want of the documents its start takes. */
const takesDocuments = (error: Error) =>
  error instanceof ApiError &&
  (error.extra<{ code: string }[]>('problems') ?? []).some((p) => p.code === 'documents-required');
