import type { ChangeSummary } from '../../../shared/bridge/calls/changes';
import {
  ROLLBACK_LABELS,
  STEP_TITLES,
  type JournalEntry,
} from '../../../shared/domain/workflow/entries';
import {
  MONITOR_VERDICT_LABELS,
  monitorVerdict,
} from '../../../shared/domain/workflow/monitor-gaps';
import type { Runbook } from '../../../shared/domain/workflow/runbook';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { targetName } from '../../../shared/domain/names/target-name';
import { utcTime } from '../../../shared/domain/names/time-format';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One journal line in the operator's words, for timelines. */
export function describeEntry(e: JournalEntry): string {
  switch (e.type) {
    case 'started':
      return `Change started by ${e.operator || '(no operator name set)'} on ${targetName(e.target)}${e.kind === 'rollback_only' ? ' (rollback from the provider page)' : ''}${e.restoreOf ? `; restore of snapshot v${e.restoreOf.version}${e.restoreOf.knownGood ? ' (known-good)' : ''}, sha-256 ${e.restoreOf.sha256.slice(0, 12)}, as the draft` : ''}`;
    case 'baseline':
      return `${STEP_TITLES.baseline}: config read${e.etag ? ` (ETag ${e.etag})` : ''}, ${e.listCount ?? '?'} integrations listed, health read; snapshot ${e.snapshotVersion ? `v${e.snapshotVersion}` : `not taken (${e.snapshotError ?? 'unknown'})`}`;
    case 'baseline_failed':
      return `${STEP_TITLES.baseline} failed: ${e.error.message}`;
    case 'apply_intent':
      return `${STEP_TITLES.config}: apply requested (key ${e.key}); ${e.diff ? summarizeDiff(e.diff) : ''}${e.impact?.flags.length ? `; impact flags: ${e.impact.flags.map((f) => f.message).join('; ')}` : ''}`;
    case 'apply_done':
      return `Applied (key ${e.key}${e.recovered ? ', confirmed from the server after an interruption, not re-sent' : ''})`;
    case 'apply_failed':
      return `Apply failed: ${e.error.message}`;
    case 'test':
      return `${STEP_TITLES.test} (${e.trigger}): ${
        e.run.ok
          ? 'passed'
          : `FAILED${
              e.run.error
                ? `: ${e.run.error}`
                : `: ${
                    e.run.result?.steps
                      .filter((s) => !s.ok)
                      .map((s) => `${s.name} ${s.message}`)
                      .join('; ') ?? ''
                  }`
            }`
      }`;
    case 'health':
      return `${STEP_TITLES.health}: ${e.error ? `not read (${e.error})` : `${e.comparison?.before?.status ?? '?'} -> ${e.comparison?.after?.status ?? '?'}${e.comparison?.regressions.length ? `; regressions: ${e.comparison.regressions.join(' ')}` : '; no regression'}`}`;
    case 'monitor_started':
      return `${STEP_TITLES.monitor}: started for ${e.windowMinutes} min, until ${e.endsAt}`;
    case 'anomaly':
      return `Anomaly: ${e.anomalies.map((a) => a.message).join(' ')}`;
    case 'monitor_gap':
      return `${STEP_TITLES.monitor}: logs unreachable from ${e.from} to ${e.to} (${e.reason})`;
    case 'monitor_done':
      return `${MONITOR_VERDICT_LABELS[monitorVerdict(e.summary)]}${e.summary.gaps.length ? ` (logs unreachable for ${Math.round(e.summary.gapShare * 100)}% of the window)` : ''}; ${e.summary.observed.counts.total} events, ${e.summary.observed.counts.sent} sent, ${e.summary.observed.counts.failed} failed, ${e.summary.observed.counts.filtered} filtered, ${e.summary.observed.counts.skipped} skipped; ${e.summary.anomalies.length} anomalies`;
    case 'rollback':
      return `Rollback "${ROLLBACK_LABELS[e.action]}": ${e.ok ? 'done' : `failed (${e.error ?? ''})`}${e.restoredVersion ? ` from v${e.restoredVersion}` : ''}${e.test ? `; test ${e.test.ok ? 'passed' : 'FAILED'}` : ''}`;
    case 'closed':
      return `${STEP_TITLES.close}: ${e.outcome.replace('_', ' ')}${e.afterSnapshotVersion ? `, after snapshot v${e.afterSnapshotVersion}` : ''}${e.note ? ` — ${e.note}` : ''}${e.override ? ` — ${e.override}` : ''}`;
    case 'note':
      return `Note: ${e.text}`;
  }
}

function summarizeDiff(
  d: NonNullable<Extract<JournalEntry, { type: 'apply_intent' }>['diff']>,
): string {
  if (d.kind === 'generic') return `${d.changes.length} field changes`;
  const parts = [
    ...d.mappings.map(
      (m) =>
        `mapping ${m.event} ${m.change}${m.before ? ` (was ${m.before})` : ''}${m.after ? ` -> ${m.after}` : ''}`,
    ),
    ...d.filters.map((f) => `filter ${f.event} ${f.change}`),
    ...d.config.map((c) => `config ${c.path} ${c.change}`),
    ...d.switches.map((c) => `${c.path} ${String(c.before)} -> ${String(c.after)}`),
  ];
  return parts.length ? parts.join(', ') : 'no behavioural change';
}

export function changeMarkdown(s: ChangeState, runbook: Runbook | undefined): string {
  const out = [
    `# Change ${s.id}: ${s.title ?? targetName(s.target)}`,
    '',
    `- Site: ${s.siteId} (connection ${s.connectionId})`,
    `- Target: ${targetName(s.target)} (\`${s.target}\`)`,
    `- Operator: ${s.operator || '(not set)'}`,
    `- Started: ${utcTime(s.startedAt)}`,
    `- Status: ${s.open ? `open at ${STEP_TITLES[s.step]}` : `closed: ${s.outcome ?? ''}`}`,
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
        `| ${r.event} | ${r.before.sent} | ${r.after.sent} | ${r.before.filtered} | ${r.after.filtered} | ${r.before.skipped} | ${r.after.skipped} |`,
      );
    for (const f of intent.impact.flags) out.push(`- FLAG: ${f.message}`);
  }
  const summary = s.monitor?.summary;
  if (summary)
    out.push(
      '',
      '## Monitoring',
      '',
      `- Window: ${summary.windowMinutes.toFixed(2)} min (${MONITOR_VERDICT_LABELS[monitorVerdict(summary)]})`,
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
    ...s.entries.map((e) => `| ${utcTime(e.at)} | ${cell(describeEntry(e))} |`),
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

/** A time range across every change of a site, in time order: what happened during an incident. */
export function incidentMarkdown(
  changes: readonly ChangeState[],
  from: string,
  to: string,
): string {
  const rows = changes
    .flatMap((c) =>
      c.entries.filter((e) => e.at >= from && e.at <= to).map((e) => ({ at: e.at, c, e })),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
  return (
    [
      `# Incident timeline ${utcTime(from)} — ${utcTime(to)}`,
      '',
      `${changes.length} changes.`,
      '',
      '| Time | Change | Target | What |',
      '|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${utcTime(r.at)} | ${r.c.id} | ${targetName(r.c.target)} | ${cell(describeEntry(r.e))} |`,
      ),
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
    anomalies: s.anomalies.length,
    rollbacks: s.rollbacks.length,
  };
}
