import { useMemo, useState } from 'react';
import { targetKey, useTarget } from '../../app/target';
import { useWebhookList } from '../webhooks/use-webhooks';
import { Notice } from '../../ui/Notice';
import LogPanel from './LogPanel';
import { MergedLog } from './MergedLog';
import { streamKey, streamLabel, type TailStream } from './streams';

const PROVIDERS: TailStream[] = [
  { kind: 'provider', provider: 'ga4' },
  { kind: 'provider', provider: 'meta' },
  { kind: 'provider', provider: 'gads' },
];

/** The Logs screen: pick streams, watch them side by side or merged into one view. */
export default function LogsScreen() {
  const t = useTarget();
  const target = t?.target;
  const key = targetKey(target);
  const { list: webhooks, names } = useWebhookList(target);
  const [chosen, setChosen] = useState<string[]>(['p:ga4']);
  const [layout, setLayout] = useState<'side' | 'merged'>('side');

  const all = useMemo(
    () =>
      [
        ...PROVIDERS,
        ...webhooks.map((w): TailStream => ({ kind: 'webhook', webhookId: w.id })),
      ].map((stream) => ({ stream, key: streamKey(stream), label: streamLabel(stream, names) })),
    [webhooks, names],
  );
  const selected = all.filter((s) => chosen.includes(s.key));

  if (!target)
    return (
      <Notice tone="info" title="No site selected">
        Choose a site to watch its logs.
      </Notice>
    );

  return (
    <section className="screen logs-screen" aria-labelledby="logs-title">
      <header className="screen-head">
        <h1 id="logs-title">Logs</h1>
        <p className="muted">
          Live delivery logs of {t.label}. Lines are polled from the API and kept in memory only.
        </p>
      </header>
      <div className="logs-picker">
        <fieldset>
          <legend>Streams</legend>
          {all.map((s) => (
            <label key={s.key} className="log-check">
              <input
                type="checkbox"
                checked={chosen.includes(s.key)}
                onChange={() =>
                  setChosen((c) =>
                    c.includes(s.key) ? c.filter((k) => k !== s.key) : [...c, s.key],
                  )
                }
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Layout</legend>
          <label className="log-check">
            <input
              type="radio"
              name="log-layout"
              checked={layout === 'side'}
              onChange={() => setLayout('side')}
            />
            Side by side
          </label>
          <label className="log-check">
            <input
              type="radio"
              name="log-layout"
              checked={layout === 'merged'}
              onChange={() => setLayout('merged')}
            />
            Merged
          </label>
        </fieldset>
      </div>
      {selected.length === 0 && <p className="muted">Choose at least one stream.</p>}
      {selected.length > 0 && layout === 'merged' && (
        <MergedLog key={key} target={target} streams={selected} />
      )}
      {selected.length > 0 && layout === 'side' && (
        <div className={`logs-grid n${Math.min(selected.length, 3)}`}>
          {selected.map((s) => (
            <LogPanel
              key={`${key}/${s.key}`}
              connectionId={target.connectionId}
              siteId={target.siteId}
              stream={s.stream}
              title={`${s.label} live log`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
