import { z } from 'zod';
import { DataLayerConfig } from '../../../shared/contract/data-layer';
import { IntegrationBody } from '../../../shared/contract/integration';
import { ProviderKey } from '../../../shared/contract/providers';
import { Webhook } from '../../../shared/contract/webhooks';

/** What is kept on disk: full secrets (the data folder is the sandbox's own) plus a version for ETags. */
export const StoredIntegration = IntegrationBody.extend({
  provider: ProviderKey,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().nonnegative(),
});
export type StoredIntegration = z.infer<typeof StoredIntegration>;

export const StoredWebhook = Webhook.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().nonnegative(),
});
export type StoredWebhook = z.infer<typeof StoredWebhook>;

export const StoredDataLayer = DataLayerConfig.extend({ version: z.number().int().nonnegative() });
export type StoredDataLayer = z.infer<typeof StoredDataLayer>;

export const SiteRecord = z.object({
  id: z.uuid(),
  name: z.string(),
  domain: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  integrations: z.object({
    ga4: StoredIntegration.optional(),
    meta: StoredIntegration.optional(),
    gads: StoredIntegration.optional(),
  }),
  webhooks: z.array(StoredWebhook),
  dataLayer: StoredDataLayer,
  /** Events per second relative to the sandbox's rate (fleet sites vary; absent = 1). */
  traffic: z.number().min(0).max(20).optional(),
  /** The latent problem a generated fleet site was seeded with (not served by the API). */
  latent: z.string().max(80).optional(),
});
export type SiteRecord = z.infer<typeof SiteRecord>;

export const SCHEMA_VERSION = 1;
export const SiteFile = z.object({ schemaVersion: z.literal(SCHEMA_VERSION), site: SiteRecord });
export const MetaFile = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  seed: z.number().int(),
  siteIds: z.array(z.uuid()).min(1),
});
export type MetaFile = z.infer<typeof MetaFile>;
