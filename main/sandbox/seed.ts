import { DATA_LAYER_DEFAULTS } from '../../shared/contract/data-layer';
import { DEFAULT_MAPPINGS, DEFAULT_REVERSE_MAPPING } from './defaults';
import { Prng } from './sim/prng';
import type { Known } from './sim/log-ring';
import type { SiteRecord, StoredIntegration, StoredWebhook } from './store/schema';

/** Fixed timestamps keep a seeded data folder byte-for-byte reproducible. */
export const CREATED = '2026-01-05T09:00:00.000Z';

const purchaseMinimum = {
  purchase: {
    enabled: true,
    conditions: [{ field: 'order.total', operator: 'gte' as const, value: 1 }],
  },
};

export function integration(
  provider: StoredIntegration['provider'],
  config: Record<string, unknown>,
  extra: Partial<StoredIntegration> = {},
): StoredIntegration {
  return {
    provider,
    enabled: true,
    testMode: false,
    config,
    eventMapping: { ...DEFAULT_MAPPINGS[provider] },
    reverseEventMapping: { ...DEFAULT_REVERSE_MAPPING },
    eventFilters:
      provider === 'meta' ? { purchase: { enabled: true } } : structuredClone(purchaseMinimum),
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 1,
    ...extra,
  };
}

export function webhookSecret(rng: Prng): string {
  return `whsec_${Buffer.from(rng.hex(48), 'hex').toString('base64')}`;
}

export function webhook(
  w: Omit<Known<StoredWebhook>, 'createdAt' | 'updatedAt' | 'version'>,
): StoredWebhook {
  return { ...w, createdAt: CREATED, updatedAt: CREATED, version: 1 };
}

export const receiverUrl = (origin: string, siteId: string, hookId: string) =>
  `${origin}/__receiver/${siteId}/${hookId}`;

/**
 * Two demo shops. Their webhooks point at the built-in receiver, so deliveries are real HTTP from
 * the first second; the server rebases those URLs on the live origin at start (random port).
 */
export function seedSites(seed: number, origin: string): SiteRecord[] {
  const rng = new Prng(seed);
  const outdoorId = rng.uuid();
  const homeId = rng.uuid();
  const receiver = (siteId: string, hookId: string) => receiverUrl(origin, siteId, hookId);

  const erpHook = rng.uuid();
  const crmHook = rng.uuid();

  const outdoor: SiteRecord = {
    id: outdoorId,
    name: 'Nordwind Outdoor (demo)',
    domain: 'shop.nordwind-outdoor.example',
    currency: 'EUR',
    integrations: {
      ga4: integration('ga4', {
        measurementId: `G-${rng.hex(10).toUpperCase()}`,
        apiSecret: `${rng.hex(8)}-${rng.hex(12)}`,
      }),
      meta: integration('meta', {
        pixelId: rng.digits(15),
        accessToken: `EAAB${rng.hex(60)}`,
        advancedMatching: true,
      }),
      gads: integration('gads', {
        conversionId: `AW-${rng.digits(9)}`,
        conversionLabel: `${rng.hex(6)}Purch_${rng.hex(4)}`,
        valueBased: true,
      }),
    },
    webhooks: [
      webhook({
        id: erpHook,
        name: 'Orders to ERP',
        url: receiver(outdoorId, erpHook),
        events: ['purchase', 'checkout_begin'],
        authType: 'hmac',
        authConfig: { secret: webhookSecret(rng) },
        retryPolicy: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 5000 },
        active: true,
      }),
    ],
    dataLayer: {
      ...DATA_LAYER_DEFAULTS,
      reverseEventMapping: { begin_checkout: 'checkout_begin', view_item: 'product_view' },
      updatedAt: CREATED,
      version: 1,
    },
  };

  const home: SiteRecord = {
    id: homeId,
    name: 'Casa Lumen Home (demo)',
    domain: 'www.casalumen.example',
    currency: 'USD',
    integrations: {
      ga4: integration('ga4', {
        measurementId: `G-${rng.hex(10).toUpperCase()}`,
        apiSecret: `${rng.hex(8)}-${rng.hex(12)}`,
      }),
      // A second pixel still being rolled out: test mode, the documented safe state.
      meta: integration(
        'meta',
        { pixelId: rng.digits(16), accessToken: `EAAB${rng.hex(60)}`, advancedMatching: false },
        { testMode: true },
      ),
      gads: integration(
        'gads',
        {
          conversionId: `AW-${rng.digits(10)}`,
          conversionLabel: `${rng.hex(8)}`,
          valueBased: false,
        },
        { enabled: false },
      ),
    },
    webhooks: [
      webhook({
        id: crmHook,
        name: 'Signups to CRM',
        url: receiver(homeId, crmHook),
        events: ['user_signup', 'purchase'],
        authType: 'bearer',
        authConfig: { token: `crm_${rng.hex(32)}` },
        retryPolicy: { maxAttempts: 4, backoff: 'exponential', initialDelayMs: 2000 },
        active: true,
      }),
    ],
    dataLayer: {
      ...DATA_LAYER_DEFAULTS,
      variableName: 'lumenLayer',
      bufferSize: 20,
      updatedAt: CREATED,
      version: 1,
    },
  };
  return [outdoor, home];
}
