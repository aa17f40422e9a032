import type { ProviderHealth } from '../../contract/health';
import type { HealthComparison } from './schema';

const RANK: Record<string, number> = {
  healthy: 0,
  unknown: 1,
  degraded: 2,
  disabled: 3,
  failing: 4,
};

function side(h: ProviderHealth | undefined) {
  if (!h) return undefined;
  const { minutes, sent, failed, retried, filtered, skipped } = h.window;
  return {
    status: h.status,
    enabled: h.enabled,
    testMode: h.testMode,
    window: { minutes, sent, failed, retried, filtered, skipped },
  };
}

/**
 * Health after the change against the baseline, for one provider: a worse status, new failures or
 * fewer sends are regressions. Window counts are compared as rates (the windows can differ).
 */
export function compareHealth(
  before: ProviderHealth | undefined,
  after: ProviderHealth | undefined,
): HealthComparison {
  const regressions: string[] = [];
  const improved: string[] = [];
  if (before && after) {
    const rb = RANK[before.status] ?? 1;
    const ra = RANK[after.status] ?? 1;
    if (ra > rb) regressions.push(`Status went from ${before.status} to ${after.status}.`);
    if (ra < rb) improved.push(`Status went from ${before.status} to ${after.status}.`);
    const rate = (h: ProviderHealth, n: number) =>
      h.window.minutes > 0 ? n / h.window.minutes : n;
    const failB = rate(before, before.window.failed);
    const failA = rate(after, after.window.failed);
    if (failA > failB * 1.5 && after.window.failed > 0)
      regressions.push(`Failures up: ${failA.toFixed(1)}/min (baseline ${failB.toFixed(1)}/min).`);
    const sentB = rate(before, before.window.sent);
    const sentA = rate(after, after.window.sent);
    if (sentB > 0 && sentA < sentB * 0.5)
      regressions.push(`Sends down: ${sentA.toFixed(1)}/min (baseline ${sentB.toFixed(1)}/min).`);
    for (const c of after.checks) {
      const was = before.checks.find((x) => x.name === c.name);
      if (c.status === 'fail' && was?.status !== 'fail')
        regressions.push(`Check ${c.name} now fails: ${c.message}`);
    }
  } else if (!after)
    regressions.push('The provider is missing from the health report after the change.');
  const b = side(before);
  const a = side(after);
  return { ...(b ? { before: b } : {}), ...(a ? { after: a } : {}), regressions, improved };
}
