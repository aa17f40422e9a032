import { z } from 'zod';

/**
 * What the watch raises about a site, outside any change: a provider or webhook failing or
 * degraded, live configuration drifted from its known-good snapshot, silence (nothing delivered
 * for much longer than usual), and an event mostly dropped by filters while health stays green.
 */
export const AlertKind = z.enum(['health', 'drift', 'silence', 'filtered']);
export type AlertKind = z.infer<typeof AlertKind>;
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  health: 'Health',
  drift: 'Drift from known-good',
  silence: 'Silence',
  filtered: 'Filtered',
};

/** open -> acknowledged (someone is on it) -> resolved; only `open` counts in the window title. */
export const AlertState = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;

/** The outbound alert's fate: sent once to the connection's chat/pager webhook, or why not. */
export const AlertDelivery = z.object({
  at: z.string(),
  ok: z.boolean(),
  status: z.number().int().optional(),
  error: z.string().optional(),
});
export type AlertDelivery = z.infer<typeof AlertDelivery>;

export const Alert = z.object({
  id: z.string().regex(/^alr-[a-z0-9-]{1,60}$/),
  connectionId: z.string(),
  siteId: z.string(),
  siteLabel: z.string(),
  target: z.string(),
  kind: AlertKind,
  /** One line: what is wrong where ("Meta failing on Demo store"). */
  title: z.string(),
  /** The evidence: failing checks, the drift, the share, the last delivery. */
  detail: z.string(),
  raisedAt: z.string(),
  state: AlertState,
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional(),
  /** The condition was no longer seen at this time (the alert stays until someone resolves it). */
  clearedAt: z.string().optional(),
  delivery: AlertDelivery.optional(),
});
export type Alert = z.infer<typeof Alert>;

/**
 * What the app saw happen on a site, for the incident timeline: health flips, drift first seen and
 * gone, configuration changed outside the app, alerts raised, acknowledged and resolved.
 */
export const WatchEventKind = z.enum([
  'health_changed',
  'drift_seen',
  'drift_gone',
  'outside_change',
  'alert_raised',
  'alert_acknowledged',
  'alert_resolved',
]);
export type WatchEventKind = z.infer<typeof WatchEventKind>;
export const WatchEvent = z.object({
  at: z.string(),
  connectionId: z.string(),
  siteId: z.string(),
  target: z.string(),
  kind: WatchEventKind,
  text: z.string(),
  alertId: z.string().optional(),
});
export type WatchEvent = z.infer<typeof WatchEvent>;
