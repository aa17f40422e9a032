import { useEffect, useState } from 'react';
import type { SiteChecklist } from '../../../shared/bridge/calls/runbooks';
import { useTarget } from '../../app/target';
import { call, on } from '../../bridge';
import { Busy } from '../../ui/Busy';
import { Notice } from '../../ui/Notice';

/** #/checklist: the production checklist per provider, kept by the app from the journal and runbooks. */
export default function ChecklistScreen() {
  const t = useTarget();
  const [list, setList] = useState<SiteChecklist>();
  const connectionId = t?.target.connectionId;
  const siteId = t?.target.siteId;
  useEffect(() => {
    if (!connectionId || !siteId) return;
    const load = () =>
      void call('checklist.get', { connectionId, siteId }).then((r) => r.ok && setList(r.value));
    load();
    const offA = on('changes.changed', load);
    const offB = on('runbooks.changed', load);
    return () => {
      offA();
      offB();
    };
  }, [connectionId, siteId]);
  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  return (
    <section className="screen" aria-labelledby="checklist-title">
      <h1 id="checklist-title" className="h1-like">
        Production checklist
      </h1>
      {list?.stale && (
        <Notice tone="warning" title="Offline">
          The provider list comes from the offline cache.
        </Notice>
      )}
      {!list && <Busy busy label="Checking…" />}
      <div className="two-col">
        {list?.targets.map((tc) => (
          <section key={tc.target} className="card" aria-labelledby={`cl-${tc.target}`}>
            <h2 id={`cl-${tc.target}`}>{tc.target}</h2>
            <ul className="checklist" aria-label={`Checklist of ${tc.target}`}>
              {tc.items.map((i) => (
                <li
                  key={i.id}
                  data-testid={`check-${tc.target}-${i.id}`}
                  data-met={i.met}
                  className={i.met ? 'met' : 'unmet'}
                >
                  <span className={`badge ${i.met ? 'badge-healthy' : 'badge-failing'}`}>
                    {i.met ? 'Met' : 'Not met'}
                  </span>{' '}
                  <strong>{i.label}</strong>
                  <div className="small">
                    {i.reason} {i.fix && <a href={`#/${i.fix.route}`}>{i.fix.label}</a>}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
