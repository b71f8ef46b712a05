import type { Bundle, ImportResult } from '@flowline/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';

/** Downloads a component with everything it uses as one JSON bundle (secrets never included). */
export async function downloadBundle(id: string, name: string) {
  const bundle = await api<Bundle>(`/api/components/${id}/export`);
  const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: `${name}.flowline.json` }).click();
  URL.revokeObjectURL(url);
}

/** Imports a bundle into the chosen folder, keeping or replacing components that already exist. */
export function ImportBundleForm({ folderId }: { folderId?: string }) {
  const [existing, setExisting] = useState<'keep' | 'replace'>('keep');
  const client = useQueryClient();
  const importBundle = useMutation({
    mutationFn: async (file: File) => {
      let bundle: Bundle;
      try {
        bundle = JSON.parse(await file.text()) as Bundle;
      } catch (e) {
        throw new Error(`${file.name} is not JSON: ${(e as Error).message}`);
      }
      return api<ImportResult>('/api/components/import', {
        method: 'POST',
        json: { bundle, existing, folderId: folderId ?? null },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['components'] }),
  });
  const r = importBundle.data;
  return (
    <form aria-label="Import" className="inline-form" onSubmit={(e) => e.preventDefault()}>
      <label>
        Existing components
        <select value={existing} onChange={(e) => setExisting(e.target.value as 'keep')}>
          <option value="keep">keep mine</option>
          <option value="replace">replace with the bundle's</option>
        </select>
      </label>
      <label className="file-button">
        Import bundle…
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) importBundle.mutate(f);
            e.target.value = '';
          }}
        />
      </label>
      {r && (
        <p role="status">
          Imported: {r.created.length} created, {r.replaced.length} replaced, {r.kept.length} kept.
        </p>
      )}
      {importBundle.isError && (
        <p role="alert" className="field-error">
          {importBundle.error.message}
        </p>
      )}
    </form>
  );
}
