import type { LogEntry } from '../../contract/logs';
import { canonicalJson } from '../diff/canonical';
import { filterFields } from '../diff/filter-direction';
import { classifyEvent, getPath, type ClassifiableIntegration } from '../rules';
import type { ImpactFlag, ImpactPreview, ImpactRow, Outcomes } from './schema';

type Bucket = keyof Outcomes;
const zero = (): Outcomes => ({ sent: 0, filtered: 0, skipped: 0 });

/** What the log says happened, folded to the three classifications ("sent" = handed to the provider). */
function logged(status: LogEntry['status']): Bucket {
  return status === 'filtered' ? 'filtered' : status === 'skipped' ? 'skipped' : 'sent';
}

function rulesOf(body: ClassifiableIntegration, event: string): string {
  return canonicalJson({
    map: body.eventMapping?.[event] ?? null,
    filter: body.eventFilters?.[event] ?? null,
  });
}

const filterOf = (body: ClassifiableIntegration, event: string) =>
  canonicalJson(body.eventFilters?.[event] ?? null);

/**
 * The new verdict for an event whose rules changed. An UNCHANGED filter keeps its logged verdict
 * (the summary may lack the field it reads); a changed filter is evaluated on the summary.
 */
function replay(
  before: ClassifiableIntegration,
  after: ClassifiableIntegration,
  e: { event: string; payload?: Record<string, unknown> | undefined },
  was: Bucket,
): Bucket {
  const filterChanged = filterOf(before, e.event) !== filterOf(after, e.event);
  if (!filterChanged && was === 'filtered') return 'filtered';
  const probe = filterChanged ? after : { ...after, eventFilters: {} };
  return classifyEvent(probe, { name: e.event, payload: e.payload ?? {} }).status;
}

/**
 * Per event whose filter changed: the fields the new filter reads that no logged entry of
 * the event carries. Logs hold a redacted summary of the payload; a filter on a field the summary
 * lacks would be evaluated on "missing" and report every event as filtered, which is invented.
 */
function missingFields(
  before: ClassifiableIntegration,
  after: ClassifiableIntegration,
  entries: readonly Pick<LogEntry, 'event' | 'payload' | 'test'>[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const events = new Set(entries.filter((e) => !e.test).map((e) => e.event));
  for (const event of events) {
    if (filterOf(before, event) === filterOf(after, event)) continue;
    // "Before" is what the log says happened; only the new filter is evaluated on the summary.
    const fields = filterFields(after.eventFilters?.[event]);
    const missing = fields.filter(
      (f) =>
        !entries.some((e) => !e.test && e.event === event && getPath(e.payload, f) !== undefined),
    );
    if (missing.length) out.set(event, missing);
  }
  return out;
}

function blindWords(fields: string[]): string {
  const list = fields.join(', ');
  return `${list} ${fields.length === 1 ? 'is' : 'are'} not in the logged events: the effect of this filter cannot be previewed`;
}

/** Drop of more than this share of an event's sends is flagged (a removed mapping drops 100%). */
export const VOLUME_DROP_SHARE = 0.2;

/**
 * Replays recent logged events through the old and the new rules (`classifyEvent`, the same code
 * the platform runs). Logs carry a redacted payload summary, not the payload, so a replay of an
 * UNCHANGED rule could disagree with what really happened (a filter on a field the summary lacks):
 * for events whose rules did not change, the logged outcome is kept on both sides; for events whose
 * mapping or filter changed, "before" is the logged outcome and "after" is the new rules' verdict
 * (see `replay`). Logs are keyed by canonical name, so reverse-mapping edits cannot be replayed.
 */
export function previewImpact(
  before: ClassifiableIntegration,
  after: ClassifiableIntegration,
  entries: readonly Pick<LogEntry, 'event' | 'status' | 'payload' | 'test' | 'timestamp'>[],
): ImpactPreview {
  const rows = new Map<string, ImpactRow>();
  const changed = new Map<string, boolean>();
  const blind = missingFields(before, after, entries);
  let sampled = 0;
  let from: number | undefined;
  let to: number | undefined;
  for (const e of entries) {
    if (e.test) continue;
    sampled++;
    const t = Date.parse(e.timestamp);
    if (Number.isFinite(t)) {
      from = from === undefined ? t : Math.min(from, t);
      to = to === undefined ? t : Math.max(to, t);
    }
    let differs = changed.get(e.event);
    if (differs === undefined) {
      differs = rulesOf(before, e.event) !== rulesOf(after, e.event);
      changed.set(e.event, differs);
    }
    const missing = blind.get(e.event);
    const row = rows.get(e.event) ?? {
      event: e.event,
      before: zero(),
      after: zero(),
      rulesChanged: differs,
      ...(missing ? { notPreviewable: { fields: missing, message: blindWords(missing) } } : {}),
    };
    rows.set(e.event, row);
    const was = logged(e.status);
    row.before[was]++;
    const now = differs && !missing ? replay(before, after, e, was) : was;
    row.after[now]++;
  }
  const list = [...rows.values()].sort(
    (a, b) =>
      Number(b.rulesChanged) - Number(a.rulesChanged) ||
      b.before.sent - a.before.sent ||
      a.event.localeCompare(b.event),
  );
  const totals = { before: zero(), after: zero() };
  const flags: ImpactFlag[] = [];
  for (const r of list) {
    for (const k of ['sent', 'filtered', 'skipped'] as const) {
      totals.before[k] += r.before[k];
      totals.after[k] += r.after[k];
    }
    if (r.notPreviewable) continue;
    if (r.before.sent > 0 && r.after.sent === 0)
      flags.push({
        code: 'event_dropped',
        event: r.event,
        message: `${r.event}: ${r.before.sent} of the last ${r.before.sent + r.before.filtered + r.before.skipped} were sent; none would be after this change.`,
      });
    else if (r.before.sent > 0 && r.after.sent < r.before.sent * (1 - VOLUME_DROP_SHARE))
      flags.push({
        code: 'volume_down',
        event: r.event,
        message: `${r.event}: sends would fall from ${r.before.sent} to ${r.after.sent}.`,
      });
    if (r.after.filtered > r.before.filtered && r.after.sent < r.before.sent && r.after.sent > 0)
      flags.push({
        code: 'newly_filtered',
        event: r.event,
        message: `${r.event}: ${r.after.filtered - r.before.filtered} more would be filtered.`,
      });
  }
  const notes: string[] = list.flatMap((r) =>
    r.notPreviewable ? [`${r.event}: ${r.notPreviewable.message}.`] : [],
  );
  if (sampled === 0)
    notes.push('No recent logged events to replay: the preview cannot show an impact.');
  if (
    canonicalJson(before.reverseEventMapping ?? {}) !==
    canonicalJson(after.reverseEventMapping ?? {})
  )
    notes.push(
      'The reverse mapping changed: logs hold canonical names, so its effect cannot be replayed.',
    );
  return {
    sampled,
    ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
    ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
    rows: list,
    totals,
    flags,
    notes,
  };
}
