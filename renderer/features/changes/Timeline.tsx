import { plural, rollbackLabel, type WebhookNames } from '../../../shared/domain/names';
import {
  MONITOR_VERDICT_LABELS,
  monitorVerdict,
  STEP_TITLES,
  type JournalEntry,
} from '../../../shared/domain/workflow';
import { clock } from '../../ui/format';
import { Time } from '../../ui/Time';

/** A journal line in a few words; the Markdown export has the full wording (main/core/changes/export.ts). */
function what(e: JournalEntry, target: string, names: WebhookNames): string {
  switch (e.type) {
    case 'started':
      return `Started by ${e.operator || '(no operator name: set it in Settings)'}${e.restoreOf ? `: ${e.title ?? 'restore'}, snapshot v${e.restoreOf.version} as the draft` : ''}`;
    case 'baseline':
      return `Baseline taken${e.snapshotVersion ? `, snapshot v${e.snapshotVersion}` : ''}`;
    case 'baseline_failed':
      return `Baseline failed: ${e.error.message}`;
    case 'apply_intent':
      return `Apply requested (key ${e.key})`;
    case 'apply_done':
      return e.recovered
        ? 'Applied (confirmed from the server after an interruption; not re-sent)'
        : 'Applied';
    case 'apply_failed':
      return `Apply failed: ${e.error.message}`;
    case 'test':
      return `Test (${e.trigger}) ${e.run.ok ? 'passed' : 'failed'}`;
    case 'health':
      return e.error
        ? `Health not read: ${e.error}`
        : `Health checked: ${e.comparison?.regressions.length ? plural(e.comparison.regressions.length, 'regression') : 'no regression'}`;
    case 'monitor_started':
      return `Monitoring started for ${e.windowMinutes} min`;
    case 'anomaly':
      return `Anomaly: ${e.anomalies.map((a) => a.message).join(' ')}`;
    case 'monitor_gap':
      return `Logs unreachable from ${clock(e.from)} to ${clock(e.to)}: ${e.reason}`;
    case 'monitor_done':
      return `${MONITOR_VERDICT_LABELS[monitorVerdict(e.summary)]}: ${plural(e.summary.observed.counts.total, 'event')}, ${plural(e.summary.anomalies.length, 'anomaly', 'anomalies')}`;
    case 'rollback':
      return `${rollbackLabel(e.action, target, names)} ${e.ok ? 'done' : `failed: ${e.error ?? ''}`}${e.test ? `; test ${e.test.ok ? 'passed' : 'failed'}` : ''}`;
    case 'closed':
      return `${STEP_TITLES.close}: ${e.outcome.replace('_', ' ')}${e.afterSnapshotVersion ? `, after snapshot v${e.afterSnapshotVersion}` : ''}${e.override ? ` (${e.override})` : ''}`;
    case 'note':
      return `Note: ${e.text}`;
  }
}

export function Timeline({
  entries,
  target,
  webhookNames = {},
}: {
  entries: JournalEntry[];
  target: string;
  webhookNames?: WebhookNames;
}) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Timeline</h3>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => (
          <li key={e.seq} className={`tl-${e.type}`}>
            <Time at={e.at} /> {what(e, target, webhookNames)}
          </li>
        ))}
      </ol>
    </section>
  );
}
