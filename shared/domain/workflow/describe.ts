import type { ConfigDiff } from '../diff/schema';
import {
  OUTCOME_LABELS,
  ROLLBACK_LABELS,
  STEP_TITLES,
  type JournalEntry,
  type Outcome,
  type RollbackAction,
} from './entries';
import { MONITOR_VERDICT_LABELS, monitorVerdict } from './monitor-gaps';

/**
 * How the caller shows times and targets: the screen in local time, an export in UTC; a target by
 * its display name where one is known. Defaults keep the raw ISO time and key.
 */
export interface DescribeOptions {
  time?: (iso: string) => string;
  target?: (target: string) => string;
  /** A rollback's words for the change's target ("Deactivate webhook", "Re-enable Meta"). */
  rollback?: (action: RollbackAction) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Words for what a rollback did, failed or not: the screen, the lists and the exports all say this. */
export function rollbackWords(
  e: Pick<
    Extract<JournalEntry, { type: 'rollback' }>,
    'action' | 'ok' | 'error' | 'restoredVersion' | 'test'
  >,
  label: (action: RollbackAction) => string = (a) => ROLLBACK_LABELS[a],
): string {
  const what = `${label(e.action)}${e.restoredVersion ? ` (v${e.restoredVersion})` : ''}`;
  const test = e.test ? `; provider test ${e.test.ok ? 'passed' : 'FAILED'}` : '';
  return e.ok ? `${what}: done${test}` : `${what}: FAILED — ${e.error ?? 'no reason recorded'}`;
}

/** The title of a rollback record opened from a provider page (journaled in its `started` line). */
export function rollbackRecordTitle(action: RollbackAction, version?: number): string {
  const label = `${ROLLBACK_LABELS[action]}${version ? ` v${version}` : ''}`;
  return action === 'enable' || action === 'test_mode_off' ? label : `Rollback: ${label}`;
}

/** A change's status in the journal list, the change page and the exports. */
export function statusWords(s: {
  open: boolean;
  step: keyof typeof STEP_TITLES;
  outcome?: Outcome | undefined;
  endedEarly?: boolean | undefined;
}): string {
  if (s.open) return `open · ${STEP_TITLES[s.step]}`;
  const outcome = s.outcome ? OUTCOME_LABELS[s.outcome] : 'closed';
  return s.endedEarly ? `${outcome} · monitoring ended early` : outcome;
}

/**
 * One journal line in the operator's words. The change page's timeline, the Markdown export and
 * the incident timeline all use this one function, so the screen and the record cannot disagree.
 */
export function describeEntry(e: JournalEntry, opts: DescribeOptions = {}): string {
  const time = opts.time ?? ((iso: string) => iso);
  const name = opts.target ?? ((t: string) => t);
  switch (e.type) {
    case 'started': {
      const who = e.operator || '(no operator name set)';
      const what =
        e.kind === 'rollback_only'
          ? `Rollback record opened by ${who} on ${name(e.target)} (from the provider page)`
          : `Change started by ${who} on ${name(e.target)}`;
      const restore = e.restoreOf
        ? `; restore of snapshot v${e.restoreOf.version}${e.restoreOf.knownGood ? ' (known-good)' : ''}, sha-256 ${e.restoreOf.sha256.slice(0, 12)}, as the draft`
        : '';
      const why = e.reason ? `; reason: ${e.reason}` : '';
      const ticket = e.ticket ? `; ticket ${e.ticket}` : '';
      return `${what}${restore}${why}${ticket}`;
    }
    case 'baseline':
      return e.exists
        ? `${STEP_TITLES.baseline}: config read${e.etag ? ` (ETag ${e.etag})` : ''}, ${e.listCount ?? '?'} integrations listed, health read; snapshot ${e.snapshotVersion ? `v${e.snapshotVersion}` : `not taken (${e.snapshotError ?? 'unknown'})`}`
        : `${STEP_TITLES.baseline}: the webhook does not exist yet`;
    case 'baseline_failed':
      return `${STEP_TITLES.baseline} failed: ${e.error.message}`;
    case 'apply_intent':
      return `${STEP_TITLES.config}: apply requested (key ${e.key})${e.diff ? `; ${summarizeDiff(e.diff)}` : ''}${e.impact?.flags.length ? `; impact flags: ${e.impact.flags.map((f) => f.message).join('; ')}` : ''}`;
    case 'apply_done':
      return `Applied (key ${e.key}${e.recovered ? ', confirmed from the server after an interruption, not re-sent' : ''})`;
    case 'apply_failed':
      return `Apply failed: ${e.error.message}`;
    case 'test':
      return `${STEP_TITLES.test} (${e.trigger}): ${e.run.ok ? 'passed' : `FAILED: ${testFailure(e.run)}`}`;
    case 'health':
      return `${STEP_TITLES.health}: ${e.error ? `not read (${e.error})` : `${e.comparison?.before?.status ?? '?'} -> ${e.comparison?.after?.status ?? '?'}${e.comparison?.regressions.length ? `; ${plural(e.comparison.regressions.length, 'regression')}: ${e.comparison.regressions.join(' ')}` : '; no regression'}`}`;
    case 'monitor_started':
      return `${STEP_TITLES.monitor}: started for ${minutesWords(e.windowMinutes)}, until ${time(e.endsAt)}`;
    case 'anomaly':
      return `Anomaly: ${e.anomalies.map((a) => a.message).join(' ')}`;
    case 'monitor_gap':
      return `${STEP_TITLES.monitor}: logs unreachable from ${time(e.from)} to ${time(e.to)} (${e.reason})`;
    case 'monitor_ended_early':
      return `${STEP_TITLES.monitor}: ended early by the operator — ${e.reason}${e.ticket ? ` (ticket ${e.ticket})` : ''}`;
    case 'monitor_done': {
      const sum = e.summary;
      const c = sum.observed.counts;
      const verdict = sum.endedEarly
        ? `Monitoring ended early after ${minutesWords(sum.windowMinutes)}`
        : MONITOR_VERDICT_LABELS[monitorVerdict(sum)];
      return `${verdict}${sum.gaps.length ? ` (logs unreachable for ${Math.round(sum.gapShare * 100)}% of the window)` : ''}; ${plural(c.total, 'event')}, ${c.sent} sent, ${c.failed} failed, ${c.filtered} filtered, ${c.skipped} skipped; ${plural(sum.anomalies.length, 'anomaly', 'anomalies')}`;
    }
    case 'acknowledged':
      return `Acknowledged ${plural(e.items.length, 'item')} (${e.items.join(' ')}) — ${e.reason}`;
    case 'rollback':
      return `Rollback ${rollbackWords(e, opts.rollback)}`;
    case 'closed': {
      const parts = [`${STEP_TITLES.close}: ${OUTCOME_LABELS[e.outcome]}`];
      if (e.afterSnapshotVersion) parts.push(`after snapshot v${e.afterSnapshotVersion}`);
      if (e.appliedStaysLive) parts.push('the applied configuration stays live');
      let text = parts.join(', ');
      if (e.note) text += ` — ${e.note}`;
      if (e.override) text += ` — ${e.override}`;
      if (e.snapshotError) text += ` (after snapshot not taken: ${e.snapshotError})`;
      return text;
    }
    case 'note':
      return `Note: ${e.text}`;
    case 'team_lock':
      return `Team lock ${e.state.replace('_', ' ')}: ${e.detail}`;
  }
}

function testFailure(run: Extract<JournalEntry, { type: 'test' }>['run']): string {
  if (run.error) return run.error;
  return (
    run.result?.steps
      .filter((s) => !s.ok)
      .map((s) => `${s.name} ${s.message}`)
      .join('; ') ?? 'no detail'
  );
}

/** A duration in the unit an operator reads at a glance: "24 h", "30 min", "45 s". */
export function minutesWords(m: number): string {
  if (m >= 120) return `${+(m / 60).toFixed(1)} h`;
  if (m >= 1) return `${+m.toFixed(1)} min`;
  return `${Math.round(m * 60)} s`;
}

export function summarizeDiff(d: ConfigDiff): string {
  if (d.kind === 'generic') return plural(d.changes.length, 'field change');
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
