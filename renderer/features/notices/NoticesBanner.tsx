import { useEffect, useState } from 'react';
import { Notice } from '../../ui/Notice';
import { DamageNotice } from './DamageNotice';
import { useNotices } from './notices-store';

/** How many damage notices show before "Show all": a burst must not push the screen away. */
const FIRST = 3;

/**
 * Frame-wide, on every screen: files a store found damaged and moved aside (until dismissed),
 * and what main reported while running (e.g. an internal failure it survived).
 */
export function NoticesBanner() {
  const { damage, live, dismissError, load, dismiss, dropLive } = useNotices();
  const [all, setAll] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  if (damage.length === 0 && live.length === 0) return null;
  const shown = all ? damage : damage.slice(0, FIRST);
  return (
    <section className="frame-banner banner-notices" aria-label="Notices" data-testid="notices">
      {live.map((n) => (
        <Notice
          key={n.key}
          tone={n.level === 'info' ? 'info' : n.level}
          title={
            n.title ?? (n.level === 'error' ? 'The app recovered from an internal error' : 'Notice')
          }
          action={
            <button type="button" onClick={() => dropLive(n.key)}>
              Dismiss<span className="sr-only"> this notice</span>
            </button>
          }
        >
          {n.message}
        </Notice>
      ))}
      {shown.map((r) => (
        <DamageNotice key={r.id} report={r} onDismiss={() => void dismiss(r.id)} />
      ))}
      {damage.length > FIRST && (
        <button type="button" className="linklike" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${damage.length} damaged files`}
        </button>
      )}
      {dismissError && <p className="field-error">{dismissError}</p>}
    </section>
  );
}
