import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { BridgeError } from '../../../../shared/bridge';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';

export interface ReasonAnswer {
  reason: string;
  ticket?: string;
}

const TICKET = /^https?:\/\/\S+$/;

/**
 * An exception to the runbook, written down: a reason (required, journaled) and optionally a
 * ticket link. Used to end monitoring early, to abandon a change and to acknowledge regressions.
 */
export function ReasonDialog({
  open,
  title,
  children,
  confirmLabel,
  withTicket,
  danger = true,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  withTicket?: boolean;
  /** The confirm button in the danger colour (an exception to the runbook); off for a plain start. */
  danger?: boolean;
  busy: boolean;
  error: BridgeError | undefined;
  onConfirm(a: ReasonAnswer): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [ticket, setTicket] = useState('');
  const [touched, setTouched] = useState(false);
  const short = reason.trim().length < 3;
  const badTicket = ticket.trim() !== '' && !TICKET.test(ticket.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (short || badTicket) return;
    onConfirm({ reason: reason.trim(), ...(ticket.trim() ? { ticket: ticket.trim() } : {}) });
  };
  const formId = `reason-${useId()}`;
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      closeLabel="Cancel"
      actions={
        <button
          type="submit"
          form={formId}
          className={danger ? 'danger solid' : 'primary'}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      }
    >
      <div className="ask-message">{children}</div>
      <form id={formId} onSubmit={submit}>
        <Field
          label="Reason (kept in the change journal)"
          value={reason}
          maxLength={500}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          error={touched && short ? 'Say why, in a few words.' : undefined}
        />
        {withTicket && (
          <Field
            label="Ticket link (optional)"
            value={ticket}
            maxLength={500}
            placeholder="https://tickets.example.com/INC-123"
            onChange={(e) => setTicket(e.target.value)}
            error={touched && badTicket ? 'A ticket link is an http(s) address.' : undefined}
          />
        )}
      </form>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
