import { useState, type FormEvent } from 'react';
import {
  MONITOR_VERDICT_LABELS,
  monitorVerdict,
  type MonitorSummary,
} from '../../../../shared/domain/workflow';
import type { BridgeError } from '../../../../shared/bridge';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field } from '../../../ui/Field';

/**
 * The second, explicit decision "Mark known-good" needs after an incomplete monitoring window:
 * the operator says why, and main journals it ("closed without a full business cycle: …").
 */
export function OverrideDialog({
  open,
  summary,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  summary: MonitorSummary;
  busy: boolean;
  /** Why the last attempt failed; the dialog is modal, so it shows it itself. */
  error: BridgeError | undefined;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const short = reason.trim().length < 3;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!short) onConfirm(reason.trim());
  };
  return (
    <Dialog
      open={open}
      title="Mark known-good without a full business cycle?"
      onClose={onClose}
      actions={
        <button
          type="submit"
          form="override-form"
          className="danger solid"
          disabled={busy || (touched && short)}
        >
          Mark known-good anyway
        </button>
      }
    >
      <p>
        {MONITOR_VERDICT_LABELS[monitorVerdict(summary)]}: the logs could not be read for{' '}
        {Math.round(summary.gapShare * 100)}% of the window, so nobody watched that part of the
        business cycle.
      </p>
      <form id="override-form" onSubmit={submit}>
        <Field
          label="Reason (kept in the change journal)"
          value={reason}
          maxLength={500}
          autoFocus
          onChange={(e) => {
            setTouched(true);
            setReason(e.target.value);
          }}
          error={touched && short ? 'Say why, in a few words.' : undefined}
        />
      </form>
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
