import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { foldChange } from '../../../shared/domain/workflow';
import { call } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { startAnomalyNotifications } from './notifications';

/**
 * "Start change" for one site x target, usable from any page (provider pages, the journal). The
 * lock is main's: a refusal names the open change and links to it.
 */
export default function StartChangeButton({ connectionId, siteId, target, title }: { connectionId: string; siteId: string; target: string; title?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  async function start() {
    startAnomalyNotifications();
    setBusy(true);
    setError(undefined);
    const r = await call('changes.start', { connectionId, siteId, target, ...(title ? { title } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    location.hash = `#/changes/${foldChange(r.value.entries).id}`;
  }
  const openId = (error?.current as { changeId?: string } | undefined)?.changeId;
  return (
    <div className="start-change">
      <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
        {busy ? 'Starting…' : 'Start change'}
      </button>
      {error && error.kind === 'conflict' && openId ? (
        <Notice tone="warning" title="One provider at a time" action={<a href={`#/changes/${openId}`}>Open change {openId}</a>}>
          {error.message}
        </Notice>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : null}
    </div>
  );
}

export { StartChangeButton };
