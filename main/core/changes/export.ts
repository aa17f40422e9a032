import type { ChangeSummary } from '../../../shared/bridge/calls/changes';
import {
  describeEntry,
  statusWords,
  type DescribeOptions,
} from '../../../shared/domain/workflow/describe';
import { rollbackLabel } from '../../../shared/domain/names/rollback-label';
import { ROLLBACK_LABELS, STEP_TITLES } from '../../../shared/domain/workflow/entries';
import {
  MONITOR_VERDICT_LABELS,
  monitorVerdict,
} from '../../../shared/domain/workflow/monitor-gaps';
import type { WatchEvent } from '../../../shared/domain/alerts/schema';
import type { Runbook } from '../../../shared/domain/workflow/runbook';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { targetName } from '../../../shared/domain/names/target-name';
import { utcTime } from '../../../shared/domain/names/time-format';

/** Exports say times in UTC, targets by their display names, rollbacks in the target's words. */
export const wordsFor = (target: string): DescribeOptions => ({
  time: utcTime,
  target: (t) => targetName(t),
  rollback: (a) => rollbackLabel(a, target),
});

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function changeMarkdown(s: ChangeState, runbook: Runbook | undefined): string {
  const out = [
    `# Change ${s.id}: ${s.title ?? targetName(s.target)}`,
    '',
    `- Site: ${s.siteId} (connection ${s.connectionId})`,
    `- Target: ${targetName(s.target)} (\`${s.target}\`)`,
    `- Operator: ${s.operator || '(not set)'}`,
    `- Started: ${utcTime(s.startedAt)}`,
    `- Status: ${statusWords({ ...s, endedEarly: !!s.endedEarly })}`,
    ...(s.reason ? [`- Reason: ${s.reason}`] : []),
    ...(s.ticket ? [`- Ticket: ${s.ticket}`] : []),
    `- Baseline snapshot: ${s.baseline?.snapshotVersion ? `v${s.baseline.snapshotVersion}` : 'none'}; after snapshot: ${s.afterSnapshotVersion ? `v${s.afterSnapshotVersion}` : 'none'}`,
    '',
  ];
  out.push('## Steps', '', '| Step | Completed |', '|---|---|');
  for (const [step, title] of Object.entries(STEP_TITLES))
    out.push(
      `| ${title} | ${s.completed[step as keyof typeof STEP_TITLES] ? utcTime(s.completed[step as keyof typeof STEP_TITLES]) : '—'} |`,
    );
  const intent = s.lastIntent;
  if (intent?.impact) {
    out.push(
      '',
      '## Impact preview',
      '',
      `Replayed ${intent.impact.sampled} recent events.`,
      '',
      '| Event | Sent before | Sent after | Filtered before | Filtered after | Skipped before | Skipped after |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of intent.impact.rows.filter((x) => x.rulesChanged))
      out.push(
        r.notPreviewable
          ? `| ${r.event} | ${cell(r.notPreviewable.message)} ||||||`
          : `| ${r.event} | ${r.before.sent} | ${r.after.sent} | ${r.before.filtered} | ${r.after.filtered} | ${r.before.skipped} | ${r.after.skipped} |`,
      );
    for (const f of intent.impact.flags) out.push(`- FLAG: ${f.message}`);
  }
  const summary = s.monitor?.summary;
  if (summary)
    out.push(
      '',
      '## Monitoring',
      '',
      `- Window: ${summary.windowMinutes.toFixed(2)} min (${summary.endedEarly ? `ended early: ${summary.endedEarly.reason}` : MONITOR_VERDICT_LABELS[monitorVerdict(summary)]})`,
      ...summary.gaps.map((g) => `- GAP: logs unreachable from ${g.from} to ${g.to}: ${g.reason}`),
      `- Observed: ${summary.observed.counts.total} events; baseline ${summary.baseline.counts.total} events over ${summary.baseline.minutes.toFixed(2)} min`,
      ...summary.anomalies.map((a) => `- ANOMALY: ${a.message}`),
    );
  out.push(
    '',
    '## Timeline',
    '',
    '| Time | What |',
    '|---|---|',
    ...s.entries.map((e) => `| ${utcTime(e.at)} | ${cell(describeEntry(e, wordsFor(s.target)))} |`),
  );
  if (runbook) {
    out.push(
      '',
      '## Runbook',
      '',
      `- Owner: ${runbook.owner || '(none)'}`,
      `- Business cycle: ${runbook.businessCycleMinutes} min`,
      `- Escalation: ${runbook.escalation.map((e) => `${e.name}${e.role ? ` (${e.role})` : ''}${e.contact ? ` ${e.contact}` : ''}${e.link ? ` ${e.link}` : ''}`).join(' -> ') || '(none)'}`,
    );
    for (const c of runbook.rollbackControls)
      out.push(`- ${ROLLBACK_LABELS[c.control]}: ${c.when}`);
    if (runbook.notes) out.push('', runbook.notes);
  }
  return out.join('\n') + '\n';
}

/**
 * A time range of a site, in time order: what happened during an incident. Every change's journal
 * lines, and what the app saw happen outside them (health flips, drift first seen and gone,
 * configuration changed outside the app, alerts raised, acknowledged and resolved).
 */
export function incidentMarkdown(
  changes: readonly ChangeState[],
  from: string,
  to: string,
  seen: readonly WatchEvent[] = [],
): string {
  const rows = [
    ...changes.flatMap((c) =>
      c.entries
        .filter((e) => e.at >= from && e.at <= to)
        .map((e) => ({
          at: e.at,
          who: c.id,
          target: targetName(c.target),
          what: describeEntry(e, wordsFor(c.target)),
        })),
    ),
    ...seen.map((e) => ({ at: e.at, who: 'watch', target: targetName(e.target), what: e.text })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    [
      `# Incident timeline ${utcTime(from)} — ${utcTime(to)}`,
      '',
      `${changes.length} changes, ${seen.length} events seen by the app.`,
      '',
      '| Time | Change | Target | What |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${utcTime(r.at)} | ${r.who} | ${r.target} | ${cell(r.what)} |`),
    ].join('\n') + '\n'
  );
}

export function summaryOf(s: ChangeState): ChangeSummary {
  return {
    id: s.id,
    connectionId: s.connectionId,
    siteId: s.siteId,
    target: s.target,
    ...(s.title ? { title: s.title } : {}),
    operator: s.operator,
    kind: s.kind,
    startedAt: s.startedAt,
    updatedAt: s.entries.at(-1)?.at ?? s.startedAt,
    step: s.step,
    open: s.open,
    ...(s.outcome ? { outcome: s.outcome } : {}),
    status: statusWords({ ...s, endedEarly: !!s.endedEarly }),
    endedEarly: !!s.endedEarly,
    anomalies: s.anomalies.length,
    rollbacks: s.rollbacks.length,
    failedRollbacks: s.rollbacks.filter((r) => !r.ok).length,
  };
}
