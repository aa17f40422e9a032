import { displayTime } from '../../shared/domain/names';

/** "12 s ago", "4 min ago", "3 h ago": ages an operator reads at a glance. */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** A time as text in the app's one format (see shared/domain/names/time-format.ts). */
export function clock(iso: string | null | undefined): string {
  return displayTime(iso);
}

/** Any value as short display text (never raw JSON blobs for objects in tables). */
export function shortValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return v.map(shortValue).join(', ');
  return JSON.stringify(v);
}
