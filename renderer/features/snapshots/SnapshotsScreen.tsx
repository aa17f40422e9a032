import { useEffect, useMemo, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { SnapshotTarget, type SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import { call } from '../../bridge';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useWebhookList } from '../webhooks/use-webhooks';
import { useRouter } from '../../app/router-store';
import { useSelectedSite } from '../../app/session-store';
import { useAsk } from '../../ui/AskDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LockNotice } from '../changes/LockNotice';
import { Notice } from '../../ui/Notice';
import { ComparePanel, type Side } from './ComparePanel';
import { DriftBadge } from './DriftBadge';
import { ExportPanel } from './ExportPanel';
import { HistoryTable } from './HistoryTable';
import { ImportPanel } from './ImportPanel';
import { targetName } from '../../../shared/domain/names';
import { TargetPicker } from './TargetPicker';
import { useRestore } from './use-restore';
import { VersionView } from './VersionView';

const NO_VERSIONS: SnapshotMeta[] = [];
const NO_PICKS: number[] = [];

type Panel =
  | { kind: 'view'; version: number }
  | { kind: 'compare'; sides: [Side, Side] }
  | { kind: 'export' }
  | { kind: 'import' }
  | undefined;

/** History, compare, known-good, take, restore (through a change), export and import for one configuration of the site. */
export default function SnapshotsScreen() {
  const selected = useSelectedSite();
  const segments = useRouter((s) => s.segments);
  const navigate = useRouter((s) => s.navigate);
  const parsed = SnapshotTarget.safeParse(segments[1]);
  const target = parsed.success ? parsed.data : 'ga4';
  const connectionId = selected?.site.connectionId;
  const siteId = selected?.site.siteId;
  const snapKey = useMemo(
    () => (connectionId && siteId ? { connectionId, siteId, target } : undefined),
    [connectionId, siteId, target],
  );
  // The history of this site's target: keyed by both, refetched on snapshots.changed.
  const history = useBridgeQuery(
    'snapshots.list',
    snapKey && { ...snapKey, limit: 500, offset: 0 },
  );
  const versions = history.data?.versions ?? NO_VERSIONS;
  const total = history.data?.total ?? 0;
  const problems = history.data?.problems ?? [];
  const error = history.error;
  const [picks, setPicks] = useState<{ of: string; versions: number[] }>({ of: '', versions: [] });
  const pickScope = snapKey ? `${snapKey.connectionId}/${snapKey.siteId}/${snapKey.target}` : '';
  // Picks belong to one target's history: another site or target starts with none.
  const picked = picks.of === pickScope ? picks.versions : NO_PICKS;
  const togglePick = (version: number) =>
    setPicks({
      of: pickScope,
      versions: picked.includes(version)
        ? picked.filter((v) => v !== version)
        : [...picked, version],
    });
  const clearPicks = () => setPicks({ of: pickScope, versions: [] });
  const [panel, setPanel] = useState<Panel>();
  const [label, setLabel] = useState('');
  const [actionError, setActionError] = useState<BridgeError>();
  const [status, setStatus] = useState('');
  const { names: webhookNames } = useWebhookList(
    selected && { connectionId: selected.site.connectionId, siteId: selected.site.siteId },
  );
  const { restore, restoring, error: restoreError } = useRestore(snapKey, navigate);
  const { ask, dialog } = useAsk();

  useEffect(() => setPanel(undefined), [snapKey]);

  if (!selected || !snapKey)
    return (
      <Notice tone="info" title="No site selected">
        Pick a site in the top bar to see its snapshots.
      </Notice>
    );

  async function take() {
    if (!snapKey) return;
    setActionError(undefined);
    const r = await call('snapshots.take', {
      ...snapKey,
      source: 'manual',
      ...(label.trim() ? { label: label.trim() } : {}),
    });
    if (!r.ok) return setActionError(r.error);
    setLabel('');
    setStatus(
      r.value.created
        ? `Snapshot v${r.value.snapshot.version} taken.`
        : `No change since v${r.value.snapshot.version}: no new version.`,
    );
  }

  async function toggleKnownGood(v: SnapshotMeta) {
    if (!snapKey) return;
    let note: string | undefined;
    if (!v.knownGood) {
      const answer = await ask({
        title: `Mark v${v.version} known-good?`,
        message: `Drift is measured against the latest known-good version of ${targetName(target, webhookNames)}.`,
        confirmLabel: 'Mark known-good',
        field: {
          label: 'Why is it known-good?',
          maxLength: 500,
          optional: true,
          placeholder: 'e.g. verified with a test purchase after the change',
        },
      });
      if (!answer.confirmed) return;
      note = answer.value || undefined;
    }
    const r = await call('snapshots.markKnownGood', {
      ...snapKey,
      version: v.version,
      knownGood: !v.knownGood,
      ...(note ? { note } : {}),
    });
    if (!r.ok) return setActionError(r.error);
    setStatus(`v${v.version} ${r.value.knownGood ? 'marked' : 'unmarked'} known-good.`);
  }

  const compareSides: [Side, Side] | undefined =
    picked.length === 2
      ? [Math.min(picked[0]!, picked[1]!), Math.max(picked[0]!, picked[1]!)]
      : undefined;

  return (
    <section className="screen" aria-labelledby="snap-title">
      {dialog}
      <header className="screen-head">
        <h1 id="snap-title">Snapshots · {targetName(target, webhookNames)}</h1>
        <DriftBadge connectionId={snapKey.connectionId} siteId={snapKey.siteId} target={target} />
      </header>
      <div className="row snap-toolbar">
        <TargetPicker
          connectionId={snapKey.connectionId}
          siteId={snapKey.siteId}
          value={target}
          onChange={(t) => navigate(`snapshots/${t}`)}
        />
        <div className="field">
          <label htmlFor="snap-label">Label for a new snapshot</label>
          <input
            id="snap-label"
            value={label}
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="e.g. before Black Friday"
          />
        </div>
        <button type="button" className="primary" onClick={() => void take()}>
          Take snapshot
        </button>
        <button
          type="button"
          disabled={!compareSides}
          onClick={() => compareSides && setPanel({ kind: 'compare', sides: compareSides })}
        >
          Compare picked (2)
        </button>
        <button
          type="button"
          disabled={versions.length === 0}
          onClick={() => setPanel({ kind: 'export' })}
        >
          {picked.length > 0 ? `Export picked (${picked.length})` : 'Export history'}
        </button>
        <button type="button" onClick={() => setPanel({ kind: 'import' })}>
          Import…
        </button>
        {picked.length > 0 && (
          <button type="button" onClick={clearPicks}>
            Clear picks
          </button>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {status && (
        <p className="small muted" aria-hidden="true">
          {status}
        </p>
      )}
      {actionError && <ErrorNotice error={actionError} />}
      {restoreError && <LockNotice error={restoreError} />}
      {error && <ErrorNotice error={error} onRetry={history.refetch} />}
      {problems.map((p) => (
        <Notice
          key={p.file + p.at}
          tone="warning"
          title={
            p.action === 'quarantined'
              ? 'A snapshot file was damaged and moved aside'
              : 'Snapshot store notice'
          }
        >
          {p.reason} <code>{p.file}</code>
        </Notice>
      ))}
      {panel?.kind === 'view' && (
        <VersionView
          snapKey={snapKey}
          version={panel.version}
          onClose={() => setPanel(undefined)}
        />
      )}
      {panel?.kind === 'compare' && (
        <ComparePanel snapKey={snapKey} versions={versions} initial={panel.sides} />
      )}
      {panel?.kind === 'export' && (
        <ExportPanel snapKey={snapKey} versions={picked} onClose={() => setPanel(undefined)} />
      )}
      {panel?.kind === 'import' && (
        <ImportPanel
          into={{ connectionId: snapKey.connectionId, siteId: snapKey.siteId }}
          onClose={() => setPanel(undefined)}
        />
      )}
      {versions.length === 0 && !error ? (
        <Notice tone="info" title="No snapshot yet">
          Take a baseline before any change: it becomes the version you can restore.
        </Notice>
      ) : (
        <>
          <p className="small muted">
            {total} version{total === 1 ? '' : 's'}
            {total > versions.length ? `, newest ${versions.length} shown` : ''}. Pick two to
            compare, or any to export.
          </p>
          <HistoryTable
            versions={versions}
            picked={picked}
            onPick={togglePick}
            actions={{
              view: (v) => setPanel({ kind: 'view', version: v.version }),
              compareWithLive: (v) => setPanel({ kind: 'compare', sides: [v.version, 'live'] }),
              toggleKnownGood: (v) => void toggleKnownGood(v),
              restore: (v) => void restore(v),
            }}
            restoring={restoring}
          />
        </>
      )}
    </section>
  );
}
