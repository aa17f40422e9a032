import type {
  HealthCheck,
  HealthStatus,
  ProviderHealth,
  SiteHealth,
  WebhookHealth,
} from '../../../shared/contract/health';
import { INTEGRATION_BODY_SCHEMAS } from '../../../shared/contract/integration';
import type { ProviderKey } from '../../../shared/contract/providers';
import type { SiteRecord, StoredIntegration, StoredWebhook } from '../store/schema';
import type { HealthWindow, WindowCounts } from './health-window';
import { PROVIDERS } from './providers';

type Check = HealthCheck['status'];

function worst(checks: HealthCheck[]): HealthStatus {
  if (checks.some((c) => c.status === 'fail')) return 'failing';
  if (checks.some((c) => c.status === 'warn')) return 'degraded';
  return 'healthy';
}

function windowOf(w: HealthWindow, c: WindowCounts) {
  return {
    minutes: w.minutes,
    sent: c.sent,
    failed: c.failed,
    retried: c.retried,
    filtered: c.filtered,
    skipped: c.skipped,
    testMode: c.testMode,
  };
}

/**
 * Below these counts a window is too small to judge: one 5xx among 16 attempts is luck, not a
 * degraded provider. Delivery already needed 5 failures before it warned; connectivity now needs
 * 10 attempts as well.
 */
export const MIN_ATTEMPTS_TO_JUDGE = 10;
export const MIN_FAILURES_TO_WARN = 5;

const pct = (n: number, d: number) => `${Math.round((100 * n) / Math.max(1, d))}%`;

/**
 * Connectivity from attempts. A 5xx or a throttle that was retried and then sent is the retry
 * policy doing its job: it degrades nothing on its own, only together with deliveries that failed.
 */
function connectivityCheck(c: WindowCounts): { status: Check; message: string } {
  const attempts = c.sent + c.failed + c.retried;
  if (attempts === 0) return { status: 'pass', message: 'no delivery attempts in the window' };
  if (attempts < MIN_ATTEMPTS_TO_JUDGE)
    return {
      status: 'pass',
      message: `provider reachable (${attempts} attempts: too few to judge, ${MIN_ATTEMPTS_TO_JUDGE} needed)`,
    };
  if (c.failed > 0 && c.serverError / attempts > 0.5)
    return { status: 'fail', message: `${pct(c.serverError, attempts)} of attempts got 5xx` };
  if (c.failed > 0 && (c.serverError / attempts > 0.05 || c.throttled / attempts > 0.2))
    return {
      status: 'warn',
      message: `throttled ${c.throttled}, 5xx ${c.serverError} of ${attempts} attempts, ${c.failed} failed`,
    };
  return { status: 'pass', message: 'provider reachable' };
}

/** Delivery from finished attempts: filtered and skipped events are not failures. */
function deliveryCheck(c: WindowCounts): { status: Check; message: string } {
  const finished = c.sent + c.failed;
  if (finished === 0) return { status: 'pass', message: 'nothing delivered in the window' };
  const summary = `${c.sent} sent, ${c.failed} failed`;
  if (c.failed >= MIN_FAILURES_TO_WARN && c.failed / finished > 0.5)
    return {
      status: 'fail',
      message: `${pct(c.failed, finished)} of deliveries failed (${c.failed}/${finished})`,
    };
  // A handful of refused conversions is normal life; warn from 10% with at least 5 failures, so a
  // quiet window does not flap on two unlucky events. Retries count only beside real failures.
  if (c.failed >= MIN_FAILURES_TO_WARN && (c.failed / finished > 0.1 || c.retried / finished > 0.2))
    return {
      status: 'warn',
      message: `${c.failed} failed and ${c.retried} retries for ${finished} deliveries`,
    };
  return { status: 'pass', message: summary };
}

export function deliveryChecks(c: WindowCounts): HealthCheck[] {
  return [
    { name: 'connectivity', ...connectivityCheck(c) },
    { name: 'delivery', ...deliveryCheck(c) },
  ];
}

export function providerHealth(
  provider: ProviderKey,
  integ: StoredIntegration,
  w: HealthWindow,
): ProviderHealth {
  const counts = w.counts();
  const cfg = INTEGRATION_BODY_SCHEMAS[provider].safeParse(integ);
  const checks: HealthCheck[] = [
    {
      name: 'config',
      status: cfg.success ? 'pass' : 'fail',
      message: cfg.success ? 'config valid' : (cfg.error.issues[0]?.message ?? 'config invalid'),
    },
  ];
  const cred = PROVIDERS[provider].credentials(integ);
  checks.push(
    w.authFailing && w.lastError
      ? {
          name: 'credentials',
          status: 'fail',
          message: `provider rejected the credentials: ${w.lastError.code} ${w.lastError.message}`,
        }
      : { name: 'credentials', ...cred },
  );
  if (integ.testMode) {
    checks.push(
      { name: 'connectivity', status: 'pass', message: 'testMode: nothing is sent' },
      { name: 'delivery', status: 'pass', message: 'testMode: events are logged only' },
    );
  } else checks.push(...deliveryChecks(counts));
  const any = counts.sent + counts.failed + counts.retried + counts.filtered + counts.skipped;
  let status: HealthStatus = integ.enabled ? worst(checks) : 'disabled';
  // Nothing at all processed yet and nothing wrong with the config: we cannot tell.
  if (status === 'healthy' && any === 0 && !w.lastSuccessAt && !integ.testMode) status = 'unknown';
  return {
    provider,
    enabled: integ.enabled,
    testMode: integ.testMode,
    status,
    checks,
    lastSuccessAt: w.lastSuccessAt,
    lastErrorAt: w.lastErrorAt,
    window: windowOf(w, counts),
  };
}

export function webhookHealth(hook: StoredWebhook, w: HealthWindow): WebhookHealth {
  const counts = w.counts();
  const checks = deliveryChecks(counts);
  let status: HealthStatus = hook.active ? worst(checks) : 'disabled';
  if (
    status === 'healthy' &&
    counts.sent + counts.failed + counts.retried === 0 &&
    !w.lastSuccessAt
  )
    status = 'unknown';
  return {
    id: hook.id,
    name: hook.name,
    active: hook.active,
    status,
    lastSuccessAt: w.lastSuccessAt,
    lastErrorAt: w.lastErrorAt,
    window: windowOf(w, counts),
    checks,
  };
}

const RANK: Record<HealthStatus, number> = {
  failing: 4,
  degraded: 3,
  unknown: 1,
  healthy: 2,
  disabled: 0,
};

export function siteHealth(
  site: SiteRecord,
  integrations: ProviderHealth[],
  webhooks: WebhookHealth[],
): SiteHealth {
  const statuses = [...integrations, ...webhooks].map((h) => h.status);
  const top = statuses.reduce<HealthStatus>(
    (acc, s) => (RANK[s] > RANK[acc] ? s : acc),
    'disabled',
  );
  return {
    siteId: site.id,
    status: statuses.length ? top : 'unknown',
    checkedAt: new Date().toISOString(),
    integrations,
    webhooks,
  };
}
