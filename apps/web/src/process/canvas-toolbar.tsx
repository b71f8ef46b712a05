import { memo } from 'react';

/** The canvas commands, each with its shortcut in its title. */
export const CanvasToolbar = memo(function CanvasToolbar(props: {
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  canPaste: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onDelete: () => void;
  onTidy: () => void;
  onFit: () => void;
  onExport: () => void;
  onImport: (file: File) => void;
  onHelp: () => void;
}) {
  return (
    <div role="toolbar" aria-label="Canvas" className="toolbar canvas-toolbar">
      <button type="button" onClick={props.onUndo} disabled={!props.canUndo} title="Ctrl+Z">
        Undo
      </button>
      <button type="button" onClick={props.onRedo} disabled={!props.canRedo} title="Ctrl+Shift+Z / Ctrl+Y">
        Redo
      </button>
      <button type="button" onClick={props.onCopy} disabled={!props.hasSelection} title="Ctrl+C">
        Copy
      </button>
      <button type="button" onClick={props.onPaste} disabled={!props.canPaste} title="Ctrl+V">
        Paste
      </button>
      <button type="button" onClick={props.onDelete} disabled={!props.hasSelection} title="Delete">
        Delete
      </button>
      <button type="button" onClick={props.onTidy} title="Shift+T">
        Tidy up
      </button>
      <button type="button" onClick={props.onFit} title="Shift+F">
        Fit view
      </button>
      <button type="button" onClick={props.onExport}>
        Export JSON
      </button>
      <label className="file-button">
        Import JSON
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) props.onImport(f);
            e.target.value = '';
          }}
        />
      </label>
      <button type="button" onClick={props.onHelp} title="?">
        Shortcuts
      </button>
    </div>
  );
});

const shortcuts: [string, string][] = [
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste the selected shapes'],
  ['Delete or Backspace', 'Delete the selected shapes or edges'],
  ['Ctrl+A', 'Select every shape'],
  ['Escape', 'Select nothing (closes the inspector)'],
  ['Shift+click, Shift+drag', 'Add to the selection, select an area'],
  ['Shift+T', 'Tidy up'],
  ['Shift+F', 'Fit the view'],
  ['Ctrl+S', 'Save'],
  ['?', 'This help'],
];

/** The keyboard shortcuts of the canvas. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-labelledby="shortcuts-title" className="shortcuts">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {shortcuts.map(([k, v]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
