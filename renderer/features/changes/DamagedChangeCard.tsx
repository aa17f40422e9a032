import { useCallback, useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { STEP_TITLES } from '../../../shared/domain/workflow';
import { call, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { clock } from '../../ui/format';
import { Notice } from '../../ui/Notice';

/** Whether a refusal names a change whose journal is damaged (it holds the lock). */
export function isDamagedRefusal(error: BridgeError | undefined): boolean {
  return (error?.current as { damaged?: boolean } | undefined)?.damaged === true;
}

/**
 * A change whose journal could not be read back: what is known of it, the lock it still holds,
 * and the operator's way out (Abandon), which releases the lock and is recorded with a note.
 */
export function DamagedChangeCard({ id }: { id: string }) {
  const [d, setD] = useState<DamagedChange>();
  const [error, setError] = useState<BridgeError>();
  const [asked, setAsked] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const r = await call('changes.damaged', { changeId: id });
    if (!r.ok) return setError(r.error);
    setD(r.value[0]);
  }, [id]);
  useEffect(() => {
    void load();
    return on('changes.changed', (e) => e.changeId === id && void load());
  }, [id, load]);

  async function abandon() {
    setBusy(true);
    const r = await call('changes.abandonDamaged', {
      changeId: id,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    setAsked(false);
    if (!r.ok) return setError(r.error);
    setD(r.value);
  }

  if (error) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!d) return null;
  const where = d.siteId ? `${d.target ?? 'unknown target'} on site ${d.siteId}` : undefined;
  return (
    <section
      className="card damaged-change"
      aria-labelledby="damaged-title"
      data-testid="damaged-change"
    >
      <h2 id="damaged-title">Damaged change {d.changeId}</h2>
      <Notice tone="warning" title="Its journal could not be read back">
        <dl className="damage-facts">
          <dt>Why</dt>
          <dd>The journal {d.reason}.</dd>
          <dt>Could be read</dt>
          <dd>
            {d.readable.entries} of {d.readable.lines} lines
            {d.readable.step ? `; it had reached ${STEP_TITLES[d.readable.step]}` : ''}
            {d.readable.lastAt ? `; last entry at ${clock(d.readable.lastAt)}` : ''}.
          </dd>
          <dt>Change</dt>
          <dd>
            {where ?? 'Its site and target are unknown (the line naming them was lost).'}
            {d.operator ? ` Started by ${d.operator}` : ''}
            {d.startedAt ? ` at ${clock(d.startedAt)}.` : ''}
          </dd>
          <dt>Journal kept at</dt>
          <dd>
            <code>{d.movedTo}</code>
          </dd>
        </dl>
      </Notice>
      {d.resolved ? (
        <Notice
          tone="success"
          title={`Abandoned by ${d.resolved.by || 'the operator'} at ${clock(d.resolved.at)}`}
        >
          <p>{d.resolved.note ?? 'No note.'}</p>
          <p>The lock is released.</p>
        </Notice>
      ) : (
        <>
          <p>
            It still holds the lock of{' '}
            {d.siteId ? 'its site' : 'every site (which site it was on is unknown)'}: no change can
            start there until it is resolved. Check the live configuration (it may have been
            applied), then abandon it to release the lock. Rollbacks work meanwhile.
          </p>
          <button type="button" className="primary" onClick={() => setAsked(true)}>
            Abandon damaged change
          </button>
        </>
      )}
      <Dialog
        open={asked}
        title={`Abandon damaged change ${d.changeId}?`}
        onClose={() => setAsked(false)}
        actions={
          <button type="button" className="primary" disabled={busy} onClick={() => void abandon()}>
            {busy ? 'Working…' : 'Abandon and release the lock'}
          </button>
        }
      >
        <p>
          The damaged journal stays where it is for inspection. Abandoning records who resolved it
          and why, and lets new changes start.
        </p>
        <div className="field">
          <label htmlFor="damaged-note">Note (kept with the record)</label>
          <textarea id="damaged-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </Dialog>
    </section>
  );
}
