/**
 * The one time format of the app. On screen: local time, 24-hour, to the second ("10:37:21"),
 * with the date in front when it is not today ("30 Nov, 10:37:21"; the year too when it is not
 * this year). In exports and on hover: UTC, ISO-like and unambiguous ("2026-12-01 10:37:21 UTC").
 * Log lines and traces may be read in UTC instead of local time (Settings → timeZone): the same
 * format, in the zone the operator chose.
 */
export type TimeZoneChoice = 'local' | 'utc';

function formats(timeZone: string | undefined) {
  const at = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { ...o, ...(timeZone ? { timeZone } : {}) });
  const clock = {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  } as const;
  return {
    time: at(clock),
    timeMs: at({ ...clock, fractionalSecondDigits: 3 }),
    day: at({ day: 'numeric', month: 'short' }),
    dayYear: at({ day: 'numeric', month: 'short', year: 'numeric' }),
    // The calendar day a time falls on in this zone, to tell "today" from another day.
    date: at({ year: 'numeric', month: '2-digit', day: '2-digit' }),
  };
}
const FORMATS: Record<TimeZoneChoice, ReturnType<typeof formats>> = {
  local: formats(undefined),
  utc: formats('UTC'),
};

function parse(iso: string | number | Date | null | undefined): Date | undefined {
  if (iso === null || iso === undefined || iso === '') return undefined;
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "10:37:21" today, "30 Nov, 10:37:21" another day this year, "30 Nov 2025, 10:37:21" before. */
export function displayTime(
  iso: string | number | Date | null | undefined,
  now: number = Date.now(),
  zone: TimeZoneChoice = 'local',
): string {
  const d = parse(iso);
  if (!d) return '—';
  const f = FORMATS[zone];
  const time = f.time.format(d);
  const [day, today] = [f.date.format(d), f.date.format(now)];
  if (day === today) return time;
  return `${day.slice(-4) === today.slice(-4) ? f.day.format(d) : f.dayYear.format(d)}, ${time}`;
}

/** "2026-12-01 10:37:21 UTC": the hover text of every time on screen, and the export format. */
export function utcTime(iso: string | number | Date | null | undefined): string {
  const d = parse(iso);
  if (!d) return '—';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A log line's time: the same clock, to the millisecond ("10:37:21.042"). */
export function logLineTime(iso: string | number, zone: TimeZoneChoice = 'local'): string {
  const d = parse(iso);
  return d ? FORMATS[zone].timeMs.format(d) : String(iso);
}

/** "1 Dec 2026, 10:37:21": a moment far enough ahead (or behind) that its date always matters. */
export function displayDateTime(iso: string | number | Date | null | undefined): string {
  const d = parse(iso);
  return d ? `${FORMATS.local.dayYear.format(d)}, ${FORMATS.local.time.format(d)}` : '—';
}
