import { z } from 'zod';
import { EventName } from './events';
import { EventFilters } from './filters';
import { ProviderKey } from './providers';
import { SecretValue } from './secrets';

export const Ga4Config = z.looseObject({
  measurementId: z
    .string({ message: 'measurementId is required' })
    .regex(
      /^G-[A-Z0-9]{4,16}$/,
      'a GA4 measurement id looks like G-XXXXXXXXXX (G- then 4-16 capitals or digits)',
    ),
  apiSecret: SecretValue.optional(),
});
export const MetaConfig = z.looseObject({
  pixelId: z
    .string({ message: 'pixelId is required' })
    .regex(/^\d{15,16}$/, 'a Meta pixel id is 15 or 16 digits'),
  accessToken: SecretValue.optional(),
  advancedMatching: z.boolean().optional(),
});
export const GadsConfig = z.looseObject({
  conversionId: z
    .string({ message: 'conversionId is required' })
    .regex(/^AW-\d{6,12}$/, 'a Google Ads conversion id looks like AW-123456789'),
  conversionLabel: z
    .string({ message: 'conversionLabel is required' })
    .min(1, 'conversionLabel is required')
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'a conversion label has letters, digits, "-" and "_" only'),
  valueBased: z.boolean().optional(),
});
export type Ga4Config = z.infer<typeof Ga4Config>;
export type MetaConfig = z.infer<typeof MetaConfig>;
export type GadsConfig = z.infer<typeof GadsConfig>;

export const PROVIDER_CONFIG_SCHEMAS = {
  ga4: Ga4Config,
  meta: MetaConfig,
  gads: GadsConfig,
} as const;
/** Config fields that are secrets, per provider: masked on read, kept when the mask is sent back. */
export const PROVIDER_SECRET_FIELDS: Record<ProviderKey, readonly string[]> = {
  ga4: ['apiSecret'],
  meta: ['accessToken'],
  gads: [],
};

/** Provider event names: GA4's rules are the strictest (40 chars, letter first), others are looser. */
export const ProviderEventName = z.string().min(1).max(100);
export const EventMapping = z.record(EventName, ProviderEventName);
export type EventMapping = z.infer<typeof EventMapping>;
/** External data-layer name -> canonical name; external names are free-form (GTM, custom). */
export const ReverseEventMapping = z.record(
  z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^\s]+$/, 'no spaces in an external event name'),
  EventName,
);
export type ReverseEventMapping = z.infer<typeof ReverseEventMapping>;

const bodyFields = {
  enabled: z.boolean().default(true),
  testMode: z.boolean().default(false),
  eventMapping: EventMapping.default({}),
  reverseEventMapping: ReverseEventMapping.default({}),
  eventFilters: EventFilters.default({}),
};

/** The PUT body of one provider: the whole object (a PUT replaces it, it never merges). */
export const Ga4Integration = z.looseObject({ ...bodyFields, config: Ga4Config });
export const MetaIntegration = z.looseObject({ ...bodyFields, config: MetaConfig });
export const GadsIntegration = z.looseObject({ ...bodyFields, config: GadsConfig });
export const INTEGRATION_BODY_SCHEMAS = {
  ga4: Ga4Integration,
  meta: MetaIntegration,
  gads: GadsIntegration,
} as const;

/** Any provider's body, as the app handles it generically (config checked per provider). */
export const IntegrationBody = z.looseObject({
  ...bodyFields,
  config: z.record(z.string(), z.unknown()),
});
export type IntegrationBody = z.infer<typeof IntegrationBody>;

export function integrationBodySchema(provider: ProviderKey) {
  return INTEGRATION_BODY_SCHEMAS[provider];
}

/** What GET answers: the stored body plus identity and timestamps. */
export const IntegrationResource = IntegrationBody.extend({
  provider: ProviderKey,
  siteId: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type IntegrationResource = z.infer<typeof IntegrationResource>;

export const IntegrationList = z.looseObject({
  siteId: z.string().optional(),
  integrations: z.array(IntegrationResource),
});
export type IntegrationList = z.infer<typeof IntegrationList>;

/** `GET .../:provider/mappings`: the provider's default mapping contract. */
export const DefaultMappings = z.looseObject({
  provider: ProviderKey,
  eventMapping: EventMapping,
  reverseEventMapping: ReverseEventMapping.optional(),
});
export type DefaultMappings = z.infer<typeof DefaultMappings>;
