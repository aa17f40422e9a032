import { displayTime, type TimeZoneChoice } from '../../shared/domain/names';
import { useSettings } from './use-settings';

export type { TimeZoneChoice };

/** The operator's choice of local time or UTC for log lines and traces (Settings → timeZone). */
export function useTimeZone(): TimeZoneChoice {
  return useSettings()?.timeZone ?? 'local';
}

const p2 = (n: number) => String(n).padStart(2, '0');

export function zoneLabel(zone: TimeZoneChoice): string {
  if (zone === 'utc') return 'UTC';
  const off = -new Date().getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `UTC${sign}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
}

/** A log or trace time in the app's one format, in the chosen zone, with the zone named. */
export function zonedTime(at: string | number | undefined, zone: TimeZoneChoice): string {
  if (at === undefined || at === '') return '—';
  return `${displayTime(at, Date.now(), zone)} ${zoneLabel(zone)}`;
}
