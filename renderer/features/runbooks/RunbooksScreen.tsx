import { useEffect, useState } from 'react';
import { targetName } from '../../../shared/domain/names';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useWebhookList } from '../webhooks/use-webhooks';
import { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract';
import type { Runbook } from '../../../shared/domain/workflow';
import { useRouter } from '../../app/router-store';
import { useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { Notice } from '../../ui/Notice';
import { RunbookForm } from './RunbookForm';

/** #/runbooks[/<target>]: one runbook per provider, webhook and the data layer of the selected site. */
export default function RunbooksScreen() {
  const segments = useRouter((r) => r.segments);
  const t = useTarget();
  const parsed = SnapshotTarget.safeParse(segments[1]);
  const target = parsed.success ? parsed.data : 'ga4';
  const siteId = t?.target.siteId;
  const runbook = useBridgeQuery('runbooks.get', t && { ...t.target, target });
  const { list: hooks, names } = useWebhookList(t?.target);
  // What the operator just saved shows at once (the query refetches on runbooks.changed too).
  const [saved, setSaved] = useState<Runbook>();
  useEffect(() => setSaved(undefined), [runbook.data]);
  const book = saved ?? runbook.data;
  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  const tabs: [string, string][] = [
    ...PROVIDER_KEYS.map((p) => [p, targetName(p)] as [string, string]),
    ...hooks.map(
      (h) => [`webhook:${h.id}`, targetName(`webhook:${h.id}`, names)] as [string, string],
    ),
    ['data-layer', targetName('data-layer')],
  ];
  return (
    <section className="screen" aria-labelledby="runbooks-title">
      <h1 id="runbooks-title" className="h1-like">
        Runbooks
      </h1>
      <nav className="tabs" aria-label="Runbook targets">
        {tabs.map(([k, label]) => (
          <a key={k} href={`#/runbooks/${k}`} aria-current={k === target ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {book ? (
        <RunbookForm
          key={`${siteId}/${target}`}
          target={t.target}
          runbook={book}
          onSaved={setSaved}
        />
      ) : (
        <Busy busy label="Loading the runbook…" />
      )}
    </section>
  );
}
