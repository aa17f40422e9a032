/**
 * The one time format of the app. On screen: local time, 24-hour, to the second ("10:37:21"),
 * with the date in front when it is not today ("30 Nov, 10:37:21"; the year too when it is not
 * this year). In exports and on hover: UTC, ISO-like and unambiguous ("2026-12-01 10:37:21 UTC").
 */
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const TIME_MS = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DAY_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function parse(iso: string | number | Date | null | undefined): Date | undefined {
  if (iso === null || iso === undefined || iso === '') return undefined;
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "10:37:21" today, "30 Nov, 10:37:21" another day this year, "30 Nov 2025, 10:37:21" before. */
export function displayTime(
  iso: string | number | Date | null | undefined,
  now: number = Date.now(),
): string {
  const d = parse(iso);
  if (!d) return '—';
  const today = new Date(now);
  const time = TIME.format(d);
  if (d.toDateString() === today.toDateString()) return time;
  const day = d.getFullYear() === today.getFullYear() ? DAY.format(d) : DAY_YEAR.format(d);
  return `${day}, ${time}`;
}

/** "2026-12-01 10:37:21 UTC": the hover text of every time on screen, and the export format. */
export function utcTime(iso: string | number | Date | null | undefined): string {
  const d = parse(iso);
  if (!d) return '—';
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A log line's time: the same local clock, to the millisecond ("10:37:21.042"). */
export function logLineTime(iso: string): string {
  const d = parse(iso);
  return d ? TIME_MS.format(d) : iso;
}

/** "1 Dec 2026, 10:37:21": a moment far enough ahead (or behind) that its date always matters. */
export function displayDateTime(iso: string | number | Date | null | undefined): string {
  const d = parse(iso);
  return d ? `${DAY_YEAR.format(d)}, ${TIME.format(d)}` : '—';
}
