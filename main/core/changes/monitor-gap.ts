import { OpsFailure } from '../../../shared/bridge/errors';
import type { LogEntry } from '../../../shared/contract';
import type { Anomaly } from '../../../shared/domain/anomaly/schema';
import { gapMinutesWithin, hhmm } from '../../../shared/domain/workflow/monitor-gaps';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { TargetIO } from '../targets/target-io';
import type { ChangeCtx } from './context';
import type { Tally } from './monitor-tally';

const PAGE = 500;
const MAX_PAGES = 10;

/**
 * What arrived since the last poll: newest-first pages until the last entry already counted (or
 * the start of the window). Read live: an unreachable API throws, and becomes a gap.
 */
export async function freshEntries(io: TargetIO, s: ChangeState, t: Tally): Promise<LogEntry[]> {
  const startedAt = Date.parse(s.monitor!.startedAt);
  const out: LogEntry[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const entries = (await onePage(io, s, page)) ?? [];
    for (const e of entries) {
      if (e.id <= t.cursor || Date.parse(e.timestamp) < startedAt) return out;
      out.push(e);
    }
    if (entries.length < PAGE) break;
  }
  return out;
}

/** A deleted webhook has no log stream: its 404 is the expected "nothing delivered". */
async function onePage(io: TargetIO, s: ChangeState, page: number) {
  try {
    return await io.logs(PAGE, page * PAGE, 'live');
  } catch (error) {
    if (s.operation === 'delete' && error instanceof OpsFailure && error.error.kind === 'not_found')
      return [];
    throw error;
  }
}

/**
 * Journals the gap in progress as closed at `to`, clipped to the window (once: a crash between
 * the journal line and the tally file finds the line on restart and does not write it again).
 */
export async function closeGap(ctx: ChangeCtx, s: ChangeState, t: Tally, to: Date): Promise<void> {
  const gap = t.gap;
  if (!gap) return;
  const end = Math.max(Date.parse(gap.from), Math.min(to.getTime(), Date.parse(s.monitor!.endsAt)));
  if (!s.entries.some((e) => e.type === 'monitor_gap' && e.from === gap.from))
    await ctx.store.append(s.id, { type: 'monitor_gap', ...gap, to: new Date(end).toISOString() });
  delete t.gap;
}

/** Minutes without logs so far: the journaled gaps and the one in progress. */
export function gapMinutesSoFar(s: ChangeState, t: Tally, now: Date): number {
  const m = s.monitor!;
  const open = t.gap ? [{ ...t.gap, to: now.toISOString() }] : [];
  return gapMinutesWithin([...m.gaps, ...open], m.startedAt, now.toISOString());
}

/** The anomaly raised once a gap has lasted GAP_ANOMALY_AFTER_MS (one per gap: keyed by its start). */
export function unreachableAnomaly(gap: { from: string; reason: string }, now: Date): Anomaly {
  const minutes = (now.getTime() - Date.parse(gap.from)) / 60_000;
  return {
    code: 'logs_unreachable',
    event: gap.from,
    message: `Logs unreachable since ${hhmm(gap.from)} (${Math.floor(minutes)} min): nothing is being watched. ${gap.reason}`,
    baseline: 0,
    observed: minutes,
  };
}
