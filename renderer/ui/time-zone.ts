import { useEffect } from 'react';
import { create } from 'zustand';
import { call } from '../bridge';

export type TimeZoneChoice = 'utc' | 'local';

interface TimeZoneState {
  zone: TimeZoneChoice;
  loaded: boolean;
  load(): void;
  set(zone: TimeZoneChoice): void;
}

/** The operator's choice of UTC or local time for log lines and traces (Settings → timeZone). */
export const useTimeZoneStore = create<TimeZoneState>((set, get) => ({
  zone: 'utc',
  loaded: false,
  load() {
    if (get().loaded) return;
    set({ loaded: true });
    void call('settings.get', {}).then((r) => {
      if (r.ok) set({ zone: r.value.timeZone });
    });
  },
  set(zone) {
    set({ zone, loaded: true });
  },
}));

export function useTimeZone(): TimeZoneChoice {
  const zone = useTimeZoneStore((s) => s.zone);
  useEffect(() => useTimeZoneStore.getState().load(), []);
  return zone;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

/** HH:MM:SS.mmm of a time in ms, in UTC or local time. Runs for every visible row: no Intl. */
export function clockOf(t: number, zone: TimeZoneChoice, withMs = true): string {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '—';
  const [h, m, s, ms] =
    zone === 'utc'
      ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
      : [d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  return `${p2(h)}:${p2(m)}:${p2(s)}${withMs ? `.${p3(ms)}` : ''}`;
}

/** A time as a reader of a ticket needs it: date, clock and the zone it is in. */
export function stampOf(iso: string | undefined, zone: TimeZoneChoice): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date =
    zone === 'utc'
      ? `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`
      : `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
  return `${date} ${clockOf(d.getTime(), zone, false)} ${zoneLabel(zone)}`;
}

export function zoneLabel(zone: TimeZoneChoice): string {
  if (zone === 'utc') return 'UTC';
  const off = -new Date().getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `UTC${sign}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
}
