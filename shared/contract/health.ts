import { z } from 'zod';
import { ProviderKey } from './providers';

export const HealthStatus = z.enum(['healthy', 'degraded', 'failing', 'disabled', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const HealthCheck = z.looseObject({
  name: z.enum(['config', 'credentials', 'connectivity', 'delivery']),
  status: z.enum(['pass', 'warn', 'fail', 'unknown']),
  message: z.string(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthWindow = z.looseObject({
  minutes: z.number(),
  sent: z.number().int(),
  failed: z.number().int(),
  retried: z.number().int(),
  filtered: z.number().int(),
  skipped: z.number().int(),
  /** Events logged but not sent because the integration is in test mode (not "skipped"). */
  testMode: z.number().int().optional(),
});
export type HealthWindow = z.infer<typeof HealthWindow>;

export const ProviderHealth = z.looseObject({
  provider: ProviderKey,
  enabled: z.boolean(),
  testMode: z.boolean(),
  status: HealthStatus,
  checks: z.array(HealthCheck),
  lastSuccessAt: z.string().nullable().optional(),
  lastErrorAt: z.string().nullable().optional(),
  window: HealthWindow,
});
export type ProviderHealth = z.infer<typeof ProviderHealth>;

export const WebhookHealth = z.looseObject({
  id: z.string(),
  name: z.string(),
  active: z.boolean().optional(),
  status: HealthStatus,
  lastSuccessAt: z.string().nullable().optional(),
  lastErrorAt: z.string().nullable().optional(),
  window: HealthWindow.optional(),
});
export type WebhookHealth = z.infer<typeof WebhookHealth>;

/** Health reflects config, credentials, connectivity and delivery, deliberately not filter drops. */
export const SiteHealth = z.looseObject({
  siteId: z.string(),
  status: HealthStatus,
  checkedAt: z.string(),
  integrations: z.array(ProviderHealth),
  webhooks: z.array(WebhookHealth).default([]),
});
export type SiteHealth = z.infer<typeof SiteHealth>;
