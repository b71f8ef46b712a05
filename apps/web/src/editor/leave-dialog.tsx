import { Modal } from '../frame/modal.js';

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
    <Modal alert titleId="leave-title" descriptionId="leave-text" onCancel={onStay}>
      <h2 id="leave-title">Leave without saving?</h2>
      <p id="leave-text">Your changes to {name} are not saved: leaving drops them.</p>
      <div className="actions">
        {/* The safe answer is the one a stray Enter gives. */}
        <button type="button" onClick={onStay} data-autofocus>
          Stay
        </button>
        <button type="button" className="danger" onClick={onLeave}>
          Leave without saving
        </button>
      </div>
    </Modal>
  );
}
