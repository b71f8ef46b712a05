/** Asked when a link would leave an editor whose changes are not saved. */
export function LeaveDialog({
  name,
  onStay,
  onLeave,
}: {
  name: string;
  onStay: () => void;
  onLeave: () => void;
}) {
  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="leave-title"
        aria-describedby="leave-text"
        className="modal"
        onKeyDown={(e) => e.key === 'Escape' && onStay()}
      >
        <h2 id="leave-title">Leave without saving?</h2>
        <p id="leave-text">Your changes to {name} are not saved: leaving drops them.</p>
        <div className="actions">
          {/* biome-ignore lint/a11y/noAutofocus: the safe answer is the one a stray Enter gives */}
          <button type="button" onClick={onStay} autoFocus>
            Stay
          </button>
          <button type="button" className="danger" onClick={onLeave}>
            Leave without saving
          </button>
        </div>
      </div>
    </div>
  );
}
