import { type ReactNode, type SyntheticEvent, useLayoutEffect, useRef } from 'react';

/**
 * The element that last took the focus. A button disabled while it works (Save while saving) drops
 * the focus to the page's body, so a dialog that its failure opens would otherwise find no element to
 * give the focus back to.
 */
let lastFocused: Element | null = null;
if (typeof document !== 'undefined')
  document.addEventListener('focusin', (e) => {
    lastFocused = e.target instanceof Element ? e.target : null;
  });

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
    const opener = document.activeElement === document.body ? lastFocused : document.activeElement;
    element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // Closed before React removes it: `close()` gives the focus back to where it was, but not to an
      // element disabled when the dialog opened (it stays in the closed dialog, or on the body).
      element.close();
      const lost = document.activeElement === document.body || element.contains(document.activeElement);
      if (lost && opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
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
