import type { HealthCheck, HealthStatus } from '../../contract/health';
import { detectSilence, SILENCE_FLOOR_MS } from '../anomaly/detect';
import { emptyCounts } from '../anomaly/counts';
import { utcTime } from '../names/time-format';
import { LOUD_SHARE, type FilteredShare } from './filtered-share';
import type { AlertKind } from './schema';

/** An event needs this many occurrences under the current configuration to count as "with traffic". */
export const MIN_SHARE_TRAFFIC = 5;

/** What one watch round read about one target of a site. */
export interface TargetReading {
  target: string;
  /** The target's display name ("Meta", "Orders to ERP", "Data layer"). */
  name: string;
  health?:
    | {
        status: HealthStatus;
        enabled?: boolean | undefined;
        testMode?: boolean | undefined;
        checks?: readonly Pick<HealthCheck, 'name' | 'status' | 'message'>[] | undefined;
        lastSuccessAt?: string | null | undefined;
        lastErrorAt?: string | null | undefined;
      }
    | undefined;
  /** A usual delivery rate learned from an earlier, busy health window: what silence is measured against. */
  usual?: { minutes: number; sent: number } | undefined;
  /** Live against the newest known-good snapshot (only for targets that have one). */
  drift?: { drifted: boolean; knownGoodVersion: number; summary: string } | undefined;
  /** Filtered share per event under the configuration in force (providers). */
  shares?: readonly FilteredShare[] | undefined;
}

export interface SiteReading {
  siteLabel: string;
  now: string;
  targets: readonly TargetReading[];
}

/** Something wrong right now; the same key while it lasts, so it is raised once. */
export interface Condition {
  key: string;
  kind: AlertKind;
  target: string;
  title: string;
  detail: string;
}

function healthConditions(t: TargetReading, site: string): Condition[] {
  const h = t.health;
  if (!h || (h.status !== 'failing' && h.status !== 'degraded')) return [];
  const failing = (h.checks ?? []).filter((c) => c.status === 'fail' || c.status === 'warn');
  const checks = failing.map((c) => `${c.name}: ${c.message}`).join('; ');
  return [
    {
      key: `health:${t.target}:${h.status}`,
      kind: 'health',
      target: t.target,
      title: `${t.name} ${h.status} on ${site}`,
      detail: `${checks || 'no failing check reported'}${h.lastErrorAt ? `; last error ${utcTime(h.lastErrorAt)}` : ''}${h.lastSuccessAt ? `; last success ${utcTime(h.lastSuccessAt)}` : ''}`,
    },
  ];
}

/**
 * Silence: an enabled target, not in test mode and not already failing (that alert says it all),
 * with nothing delivered for three times its usual gap between deliveries (never under
 * SILENCE_FLOOR_MS: the watch reads health on the refresh interval).
 */
function silenceConditions(t: TargetReading, site: string, now: Date): Condition[] {
  const h = t.health;
  if (!h || !t.usual || h.enabled === false || h.testMode) return [];
  if (h.status === 'failing' || h.status === 'degraded' || h.status === 'disabled') return [];
  const usual = {
    from: now.toISOString(),
    to: now.toISOString(),
    minutes: t.usual.minutes,
    counts: { ...emptyCounts(), sent: t.usual.sent, total: t.usual.sent },
    events: {},
  };
  const last = h.lastSuccessAt ?? undefined;
  if (!last) return [];
  const quiet = detectSilence(usual, last, last, now, SILENCE_FLOOR_MS);
  if (!quiet) return [];
  return [
    {
      key: `silence:${t.target}`,
      kind: 'silence',
      target: t.target,
      title: `${t.name} silent on ${site}`,
      detail: `${quiet.message} Last delivery ${utcTime(last)}.`,
    },
  ];
}

function driftConditions(t: TargetReading, site: string): Condition[] {
  if (!t.drift?.drifted) return [];
  return [
    {
      key: `drift:${t.target}`,
      kind: 'drift',
      target: t.target,
      title: `${t.name} drifted from known-good v${t.drift.knownGoodVersion} on ${site}`,
      detail: t.drift.summary,
    },
  ];
}

function filteredConditions(t: TargetReading, site: string): Condition[] {
  return (t.shares ?? [])
    .filter((s) => s.percent > LOUD_SHARE && s.total >= MIN_SHARE_TRAFFIC)
    .map((s) => ({
      key: `filtered:${t.target}:${s.event}`,
      kind: 'filtered' as const,
      target: t.target,
      title: `${t.name}: ${s.percent}% of ${s.event} filtered on ${site}`,
      detail: `${s.filtered} of the last ${s.total} ${s.event} events were dropped by the filter while health stays green. Check the ${s.event} filter.`,
    }));
}

/** Every condition the watch raises for one site from one round of readings. Pure. */
export function conditionsOf(site: SiteReading): Condition[] {
  const now = new Date(site.now);
  return site.targets.flatMap((t) => [
    ...healthConditions(t, site.siteLabel),
    ...silenceConditions(t, site.siteLabel, now),
    ...driftConditions(t, site.siteLabel),
    ...filteredConditions(t, site.siteLabel),
  ]);
}
