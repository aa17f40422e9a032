import { useEffect, useRef, useState } from 'react';
import { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract';
import type { Runbook } from '../../../shared/domain/workflow';
import { useRouter } from '../../app/router-store';
import { useTarget } from '../../app/target';
import { call, on } from '../../bridge';
import { RunbookConflicts } from '../workspace/RunbookConflicts';
import { Busy } from '../../ui/Busy';
import { Notice } from '../../ui/Notice';
import { RunbookForm } from './RunbookForm';

/** #/runbooks[/<target>]: one runbook per provider, webhook and the data layer of the selected site. */
export default function RunbooksScreen() {
  const segments = useRouter((r) => r.segments);
  const t = useTarget();
  const parsed = SnapshotTarget.safeParse(segments[1]);
  const target = parsed.success ? parsed.data : 'ga4';
  const [book, setBook] = useState<Runbook>();
  // The form keeps its own edits; it is rebuilt only when the runbook changed elsewhere.
  const [rev, setRev] = useState(0);
  const shown = useRef<string | undefined>(undefined);
  const show = (r: Runbook, rebuild: boolean) => {
    shown.current = JSON.stringify(r);
    setBook(r);
    if (rebuild) setRev((x) => x + 1);
  };
  const [hooks, setHooks] = useState<{ id: string; name: string }[]>([]);
  const connectionId = t?.target.connectionId;
  const siteId = t?.target.siteId;
  useEffect(() => {
    if (!connectionId || !siteId) return;
    setBook(undefined);
    void call('runbooks.get', { connectionId, siteId, target }).then(
      (r) => r.ok && show(r.value, false),
    );
    void call('webhooks.list', { connectionId, siteId }).then(
      (r) => r.ok && setHooks(r.value.data.map((w) => ({ id: w.id, name: w.name }))),
    );
  }, [connectionId, siteId, target]);
  // A colleague's edit merged in by the team workspace shows up without a reload.
  useEffect(
    () =>
      on('runbooks.changed', (e) => {
        if (e.connectionId !== connectionId || e.siteId !== siteId || e.target !== target) return;
        void call('runbooks.get', { connectionId: e.connectionId, siteId: e.siteId, target }).then(
          (r) => r.ok && JSON.stringify(r.value) !== shown.current && show(r.value, true),
        );
      }),
    [connectionId, siteId, target],
  );
  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  const tabs: [string, string][] = [
    ...PROVIDER_KEYS.map((p) => [p, p] as [string, string]),
    ...hooks.map((h) => [`webhook:${h.id}`, `Webhook ${h.name}`] as [string, string]),
    ['data-layer', 'Data layer'],
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
      {book && (
        <RunbookConflicts target={t.target} runbook={book} onResolved={(r) => show(r, true)} />
      )}
      {book ? (
        <RunbookForm
          key={`${siteId}/${target}/${rev}`}
          target={t.target}
          runbook={book}
          onSaved={(r) => show(r, false)}
        />
      ) : (
        <Busy busy label="Loading the runbook…" />
      )}
    </section>
  );
}
