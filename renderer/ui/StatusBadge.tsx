import type { HealthStatus } from '../../shared/contract';

export type DisplayStatus = HealthStatus | 'test';

const LABELS: Record<DisplayStatus, string> = {
  healthy: 'healthy',
  degraded: 'degraded',
  failing: 'failing',
  disabled: 'disabled',
  unknown: 'unknown',
  test: 'test mode',
};

/** What the operator should read first: off beats test mode beats the delivery health. */
export function displayStatus(s: {
  status: HealthStatus;
  enabled?: boolean | undefined;
  testMode?: boolean | undefined;
}): DisplayStatus {
  if (s.enabled === false || s.status === 'disabled') return 'disabled';
  if (s.testMode) return 'test';
  return s.status;
}

export function StatusBadge({ status }: { status: DisplayStatus }) {
  return <span className={`badge badge-${status}`}>{LABELS[status]}</span>;
}
