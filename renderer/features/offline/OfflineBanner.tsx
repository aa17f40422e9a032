import { useEffect } from 'react';
import { on } from '../../bridge';
import { useRefresh } from '../../app/refresh-store';
import { useTarget } from '../../app/target';
import { ago, clock } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { useOffline } from './offline-store';

/** While stale, try again on this cadence so the banner clears soon after the API returns. */
const AUTO_RETRY_MS = 10_000;

export function OfflineBanner() {
  const t = useTarget();
  const connectionId = t?.target.connectionId ?? '';
  const state = useOffline((s) => s.byConnection[connectionId]);
  const bump = useRefresh((s) => s.bump);
  const now = useNow(5000);

  useEffect(
    () =>
      on('connectivity.changed', (e) => {
        useOffline.getState().noteConnectivity(e.connectionId, e.online, e.since, e.message);
        if (e.online) bump();
      }),
    [bump],
  );

  const showing = !!state && (!!state.cachedSince || !!state.offlineSince);
  useEffect(() => {
    if (!showing) return;
    const timer = setInterval(bump, AUTO_RETRY_MS);
    return () => clearInterval(timer);
  }, [showing, bump]);

  if (!state || !showing) return null;
  return (
    <div
      className="frame-banner banner-offline"
      role="status"
      aria-live="polite"
      data-testid="offline-banner"
    >
      <strong>
        API unreachable{state.offlineSince ? ` since ${clock(state.offlineSince)}` : ''}.
      </strong>{' '}
      {state.cachedSince ? (
        <span>
          Showing cached data from {ago(state.cachedSince, now)} ({clock(state.cachedSince)}).
          Changes cannot be saved until it is back.
        </span>
      ) : (
        <span>No cached copy for some screens. Changes cannot be saved until it is back.</span>
      )}
      {state.reason && <span className="muted"> Reason: {state.reason}</span>}
      <button type="button" onClick={bump}>
        Retry now
      </button>
    </div>
  );
}
