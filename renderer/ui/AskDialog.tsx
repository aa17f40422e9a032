import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

/**
 * What window.confirm / window.prompt would have asked, in the app's own accessible dialog:
 * Electron does not support prompt at all, and every e2e test drives browser mode, so a native
 * dialog would be an untested path that fails on the desktop.
 */
export interface Question {
  title: string;
  message: ReactNode;
  /** The button that says what will happen ("Remove site", "Disable Meta"). */
  confirmLabel: string;
  danger?: boolean;
  /** Ask for a line of text too (the known-good note). */
  field?: { label: string; maxLength: number; placeholder?: string; optional?: boolean };
}
export type Answer = { confirmed: false } | { confirmed: true; value: string };

type Pending = Question & { settle(a: Answer): void };

function AskDialog({ pending, onDone }: { pending: Pending; onDone(): void }) {
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(true);
  const answer = useRef<Answer>({ confirmed: false });
  const fieldId = useId();
  // Every way out (the button, Cancel, Escape) closes the native dialog first, so focus goes back
  // to whatever opened it; its close event then settles the question exactly once.
  const settled = useRef(false);
  const finish = () => {
    if (settled.current) return;
    settled.current = true;
    pending.settle(answer.current);
    onDone();
  };
  const { field } = pending;
  return (
    <Dialog
      open={open}
      title={pending.title}
      closeLabel="Cancel"
      onClose={finish}
      actions={
        <button
          type="submit"
          form={`${fieldId}-form`}
          className={pending.danger ? 'danger' : 'primary'}
        >
          {pending.confirmLabel}
        </button>
      }
    >
      <form
        id={`${fieldId}-form`}
        onSubmit={(e) => {
          e.preventDefault();
          answer.current = { confirmed: true, value: value.trim() };
          setOpen(false);
        }}
      >
        <div className="ask-message">{pending.message}</div>
        {field && (
          <div className="field">
            <label htmlFor={fieldId}>
              {field.label}
              {field.optional ? ' (optional)' : ''}
            </label>
            <input
              id={fieldId}
              value={value}
              maxLength={field.maxLength}
              placeholder={field.placeholder}
              required={!field.optional}
              autoFocus
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
        )}
      </form>
    </Dialog>
  );
}

/**
 * `const { ask, dialog } = useAsk()`; render `{dialog}`; `await ask({...})` resolves with the
 * operator's answer (Cancel and Escape answer `confirmed: false`).
 */
export function useAsk(): { ask(q: Question): Promise<Answer>; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending>();
  const ask = useCallback(
    (q: Question) =>
      new Promise<Answer>((resolve) => {
        setPending({ ...q, settle: resolve });
      }),
    [],
  );
  const dialog = pending ? (
    <AskDialog pending={pending} onDone={() => setPending(undefined)} />
  ) : null;
  return { ask, dialog };
}
