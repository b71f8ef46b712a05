import type { MapDefinition } from '@flowline/contracts';
import { applyProposals, proposeRules } from '@flowline/mapping';
import { useMemo, useState } from 'react';
import { Modal } from '../frame/modal.js';

/** Auto-map by name: a preview of the rules it would add, each can be left out. */
export function AutoMapDialog({
  map,
  onApply,
  onClose,
}: {
  map: MapDefinition;
  onApply: (m: MapDefinition) => void;
  onClose: () => void;
}) {
  const proposals = useMemo(() => proposeRules(map), [map]);
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const chosen = proposals.filter((p) => !skipped.has(p.target));
  return (
    <Modal titleId="automap-title" onCancel={onClose}>
      <h2 id="automap-title">Auto-map by name</h2>
      {proposals.length === 0 ? (
        <p>No unmapped target field has a source field with a matching name.</p>
      ) : (
        <>
          <p>
            {chosen.length} of {proposals.length} rules will be added.
          </p>
          <table aria-label="Proposed rules" className="diff">
            <thead>
              <tr>
                <th scope="col">Add</th>
                <th scope="col">Target</th>
                <th scope="col">Source</th>
                <th scope="col">Match</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.target}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Add ${p.target}`}
                      checked={!skipped.has(p.target)}
                      onChange={() =>
                        setSkipped((s) => {
                          const next = new Set(s);
                          next.has(p.target) ? next.delete(p.target) : next.add(p.target);
                          return next;
                        })
                      }
                    />
                  </td>
                  <td>{p.target}</td>
                  <td>{p.source}</td>
                  <td>
                    {p.match} · {Math.round(p.confidence * 100)}%{p.conversion ? ' · converts' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button
          type="button"
          data-autofocus
          disabled={chosen.length === 0}
          onClick={() => onApply(applyProposals(map, chosen))}
        >
          Add {chosen.length} rules
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
