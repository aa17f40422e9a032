import type { DamagedStore, DamageReport } from '../../../shared/bridge/calls/damage';
import { clock } from '../../ui/format';
import { Notice } from '../../ui/Notice';

/** One name per store, as the operator knows them. */
export const STORE_NAMES: Record<DamagedStore, string> = {
  settings: 'Settings',
  secrets: 'Stored tokens',
  cache: 'Offline copy',
  snapshots: 'Snapshots',
  changes: 'Change journal',
  monitor: 'Monitor tally',
  runbooks: 'Runbooks',
  drafts: 'Change draft',
  sandbox: 'Sandbox data',
  'damage-log': 'Damage notices',
  workspace: 'Team workspace',
  alerts: 'Alerts',
  rollouts: 'Rollout journal',
};

/** A damaged file, moved aside: what was lost, what was kept, where the file went. */
export function DamageNotice({ report, onDismiss }: { report: DamageReport; onDismiss(): void }) {
  return (
    <Notice
      tone="warning"
      title={`${STORE_NAMES[report.store]}: a damaged file was moved aside (${clock(report.at)})`}
      action={
        <span className="row">
          {report.changeId && report.store === 'changes' && (
            <a href={`#/changes/${report.changeId}`}>Open change {report.changeId}</a>
          )}
          <button type="button" onClick={onDismiss}>
            Dismiss<span className="sr-only"> the notice about {report.file}</span>
          </button>
        </span>
      }
    >
      <dl className="damage-facts">
        <dt>Lost</dt>
        <dd>{report.lost}</dd>
        {report.kept && (
          <>
            <dt>Kept</dt>
            <dd>{report.kept}</dd>
          </>
        )}
        <dt>File</dt>
        <dd>
          <code>{report.file}</code> {report.reason}
        </dd>
        {report.movedTo && (
          <>
            <dt>Moved to</dt>
            <dd>
              <code>{report.movedTo}</code>
            </dd>
          </>
        )}
      </dl>
    </Notice>
  );
}
