import { PROVIDER_LABELS, type ProviderKey } from '../../../shared/contract';
import { Busy } from '../../ui/Busy';
import { Dialog } from '../../ui/Dialog';
import type { DiffItem } from './config-diff';
import { DiffView } from './DiffView';

/** Nothing is written before the operator has read the diff and confirmed it. */
export function SaveDialog({ open, provider, diff, saving, onCancel, onConfirm }: {
  open: boolean;
  provider: ProviderKey;
  diff: DiffItem[];
  saving: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <Dialog
      open={open}
      wide
      title={`Save ${diff.length} change${diff.length === 1 ? '' : 's'} to ${PROVIDER_LABELS[provider]}?`}
      onClose={onCancel}
      actions={
        <>
          <Busy busy={saving} label="Saving…" />
          <button type="button" className="primary" onClick={onConfirm} disabled={saving}>
            Save to the live config
          </button>
        </>
      }
    >
      <p>This replaces the live integration (PUT). It only succeeds if nobody changed it since you opened it. Run the provider test afterwards.</p>
      <DiffView items={diff} label="Changes to save" />
    </Dialog>
  );
}
