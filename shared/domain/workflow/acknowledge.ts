import type { ChangeState } from './state';

/**
 * What the operator must read and acknowledge before "Mark known-good": the health regressions of
 * the last health check after the apply and every anomaly the monitor raised. Each is identified by
 * its message; an acknowledgement covers the messages it lists, so a new anomaly after it needs
 * another one.
 */
export function toAcknowledge(s: ChangeState): string[] {
  const items = [
    ...(s.health?.comparison?.regressions ?? []).map((r) => `Health regression: ${r}`),
    ...s.anomalies.map((a) => `Anomaly: ${a.message}`),
  ];
  const done = new Set(s.acknowledged.flatMap((a) => a.items));
  return [...new Set(items)].filter((i) => !done.has(i));
}
