import { type ReactNode, type SyntheticEvent, useLayoutEffect, useRef } from 'react';

/**
 * A modal dialog on the browser's own `<dialog>`, opened with `showModal()`: the page behind is inert
 * (Tab cannot leave the dialog, a screen reader reads only it), Escape asks `onCancel`, and closing
 * gives the focus back to where it was. It opens on the element marked `data-autofocus`, else on the
 * first one that takes the focus. (`autoFocus` cannot do it: React focuses before the dialog shows.)
 */
export function Modal({
  titleId,
  descriptionId,
  alert = false,
  onCancel,
  children,
}: {
  /** The id of the heading that names the dialog. */
  titleId: string;
  descriptionId?: string;
  /** An alert dialog: a question that interrupts (leave without saving?), not a task. */
  alert?: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const element = dialog.current!;
    element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Closed before React removes it: only `close()` gives the focus back.
    return () => element.close();
  }, []);
  const cancel = (e: SyntheticEvent) => {
    // The dialog closes when the page says so: React's state stays the one truth of what is open.
    e.preventDefault();
    onCancel();
  };
  return (
    <dialog
      ref={dialog}
      role={alert ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="modal"
      onCancel={cancel}
    >
      {children}
    </dialog>
  );
}
