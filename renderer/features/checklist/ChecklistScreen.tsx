import { targetName } from '../../../shared/domain/names';
import { useTarget } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useWebhookList } from '../webhooks/use-webhooks';
import { Busy } from '../../ui/Busy';
import { Notice } from '../../ui/Notice';

/** #/checklist: the production checklist per provider, kept by the app from the journal and runbooks. */
export default function ChecklistScreen() {
  const t = useTarget();
  // Refetched on changes.changed and runbooks.changed (data/invalidation.ts).
  const checklist = useBridgeQuery('checklist.get', t?.target);
  const list = checklist.data;
  const { names } = useWebhookList(t?.target);
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
      {checklist.error && <ErrorNotice error={checklist.error} onRetry={checklist.refetch} />}
      {!list && !checklist.error && <Busy busy label="Checking…" />}
      <div className="two-col">
        {list?.targets.map((tc) => (
          <section key={tc.target} className="card" aria-labelledby={`cl-${tc.target}`}>
            <h2 id={`cl-${tc.target}`}>{targetName(tc.target, names)}</h2>
            <ul className="checklist" aria-label={`Checklist of ${targetName(tc.target, names)}`}>
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
