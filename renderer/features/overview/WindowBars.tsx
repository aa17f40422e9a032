import type { HealthWindow } from '../../../shared/contract';
import { Bars } from '../../ui/Bars';

/** The health window's five counts as bars; failures red, filtered amber (the silent loss). */
export function WindowBars({ window: w, label }: { window: HealthWindow; label: string }) {
  return (
    <Bars
      label={`${label}, last ${w.minutes} min`}
      data={[
        { label: 'sent', value: w.sent, tone: 'ok' },
        { label: 'failed', value: w.failed, tone: 'bad' },
        { label: 'retried', value: w.retried, tone: 'test' },
        { label: 'filtered', value: w.filtered, tone: 'warn' },
        { label: 'skipped', value: w.skipped, tone: 'muted' },
        // Test mode is its own count: those events were logged on purpose, not lost.
        ...(w.testMode ? [{ label: 'test mode', value: w.testMode, tone: 'test' as const }] : []),
      ]}
    />
  );
}
