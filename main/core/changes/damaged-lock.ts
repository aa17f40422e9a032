import type { ChangeSummary } from '../../../shared/bridge/calls/changes';
import type { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { fail } from '../../../shared/bridge/errors';
import { statusWords } from '../../../shared/domain/workflow/describe';

/**
 * The refusal a damaged change gives: a lock conflict naming it, so the renderer links to it (its
 * page offers Abandon) like any other change that holds the lock.
 */
export function failDamaged(d: DamagedChange): never {
  const where = d.siteId ? 'this site' : 'every site (the line naming its site was lost)';
  fail(
    'conflict',
    `Change ${d.changeId} has a damaged journal (${d.reason}; moved to ${d.movedTo}). It holds the lock of ${where} until an operator abandons it on its page.`,
    { current: { changeId: d.changeId, target: d.target ?? 'unknown', damaged: true } },
  );
}

/** A damaged change as a row of the journal list and as the lock holder `changes.openFor` names. */
export function damagedSummary(
  d: DamagedChange,
  site: { connectionId: string; siteId: string },
): ChangeSummary {
  return {
    id: d.changeId,
    connectionId: d.connectionId ?? site.connectionId,
    siteId: d.siteId ?? site.siteId,
    target: d.target ?? 'unknown',
    title: `Damaged journal${d.title ? `: ${d.title}` : ''}`,
    operator: d.operator ?? '',
    kind: 'change',
    startedAt: d.startedAt ?? d.detectedAt,
    updatedAt: d.resolved?.at ?? d.readable.lastAt ?? d.detectedAt,
    step: d.readable.step ?? 'baseline',
    open: !d.resolved,
    ...(d.resolved ? { outcome: 'abandoned' as const } : {}),
    status: `damaged journal · ${statusWords({ open: !d.resolved, step: d.readable.step ?? 'baseline', outcome: d.resolved ? 'abandoned' : undefined })}`,
    endedEarly: false,
    anomalies: 0,
    rollbacks: 0,
    failedRollbacks: 0,
    damaged: true,
  };
}

/**
 * The journal list with the damaged changes of the filter's site among them, newest first. A
 * damaged change whose site is unknown is listed for every site (it holds every site's lock).
 */
export function withDamaged(
  rows: ChangeSummary[],
  damaged: DamagedChange[],
  i: {
    connectionId?: string | undefined;
    siteId?: string | undefined;
    target?: string | undefined;
    status?: 'open' | 'closed' | undefined;
    outcome?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
): ChangeSummary[] {
  const site = { connectionId: i.connectionId ?? '', siteId: i.siteId ?? '' };
  const extra = damaged
    .filter((d) => damagedConcerns(d, i))
    .map((d) => damagedSummary(d, site))
    .filter(
      (c) =>
        (!i.target || c.target === i.target) &&
        (!i.status || (i.status === 'open') === c.open) &&
        (!i.outcome || c.outcome === i.outcome) &&
        (!i.from || c.updatedAt >= i.from) &&
        (!i.to || c.startedAt <= i.to),
    );
  return [...rows, ...extra].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Whether a damaged change concerns a site: its own, or every site when its site is unknown. */
export function damagedConcerns(
  d: DamagedChange,
  site: { connectionId?: string | undefined; siteId?: string | undefined },
): boolean {
  if (d.siteId === undefined) return true;
  return (
    (!site.connectionId || d.connectionId === site.connectionId) &&
    (!site.siteId || d.siteId === site.siteId)
  );
}
