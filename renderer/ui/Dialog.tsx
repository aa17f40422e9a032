import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog> (showModal gives the focus trap, the inert background and Escape
 * for free). Focus goes back to whatever opened it, so keyboard users do not lose their place.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  actions,
  wide,
  closeLabel = 'Close',
}: {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  actions?: ReactNode;
  wide?: boolean;
  /** "Cancel" when the dialog asks a question; Escape does the same. */
  closeLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // "close" fires for Escape and for dialog.close(): both end in the caller's state and focus return.
    const onNativeClose = () => {
      const back = opener.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      onClose();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => dialog.removeEventListener('close', onNativeClose);
  }, [onClose]);

  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {open && <div className="dialog-body">{children}</div>}
      <div className="dialog-actions">
        {actions}
        <button type="button" onClick={() => ref.current?.close()}>
          {closeLabel}
        </button>
      </div>
    </dialog>
  );
}
