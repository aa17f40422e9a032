import { DATA_LAYER_DEFAULTS } from '../../../shared/contract/data-layer';
import { integration, receiverUrl, webhook, webhookSecret, CREATED } from '../seed';
import { Prng } from '../sim/prng';
import type { SiteRecord, StoredIntegration } from '../store/schema';
import { applyLatentProblem, latentProblemOf } from './latent';
import { CURRENCIES, FIRST_WORDS, SECOND_WORDS, TLDS } from './names';

/**
 * One independent random stream per fleet site, so site i is the same whatever N is: a sandbox
 * started with --sites 12 and later with --sites 200 keeps its first 12 sites and their state.
 */
function siteRng(seed: number, index: number): Prng {
  let h = (seed ^ 0xf1ee7) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return new Prng(h ^ (h >>> 13));
}

export function fleetSiteName(index: number): string {
  const first = FIRST_WORDS[index % FIRST_WORDS.length]!;
  const second = SECOND_WORDS[Math.floor(index / FIRST_WORDS.length) % SECOND_WORDS.length]!;
  const round = Math.floor(index / (FIRST_WORDS.length * SECOND_WORDS.length));
  return `${first} ${second}${round ? ` ${round + 1}` : ''}`;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** Mapping variants seen across a fleet: some shops map more, a few map less than the defaults. */
function varyMapping(rng: Prng, integ: StoredIntegration): void {
  if (integ.provider === 'ga4' && rng.chance(0.3))
    integ.eventMapping.checkout_progress = 'add_payment_info';
  if (integ.provider === 'meta' && rng.chance(0.4))
    integ.eventMapping.category_view = 'ViewCategory';
  if (rng.chance(0.15)) delete integ.eventMapping.search_query;
  if (rng.chance(0.5)) {
    const min = rng.pick([1, 5, 10, 20]);
    integ.eventFilters.purchase = {
      enabled: true,
      conditions: [{ field: 'order.total', operator: 'gte', value: min }],
    };
  }
}

/**
 * Fleet site `index` (0-based): a varied shop with GA4 always live (so a GA4 rollout meets every
 * site), Meta on most, Google Ads on some, a webhook on a third, and now and then a latent problem.
 */
export function fleetSite(seed: number, index: number, origin: string): SiteRecord {
  const rng = siteRng(seed, index);
  const id = rng.uuid();
  const name = fleetSiteName(index);
  const currency = rng.pick(CURRENCIES);
  const integrations: SiteRecord['integrations'] = {
    ga4: integration('ga4', {
      measurementId: `G-${rng.hex(10).toUpperCase()}`,
      apiSecret: `${rng.hex(8)}-${rng.hex(12)}`,
    }),
  };
  if (rng.chance(0.75))
    integrations.meta = integration(
      'meta',
      {
        pixelId: rng.digits(15),
        accessToken: `EAAB${rng.hex(60)}`,
        advancedMatching: rng.chance(0.6),
      },
      rng.chance(0.15) ? { testMode: true } : {},
    );
  if (rng.chance(0.5))
    integrations.gads = integration(
      'gads',
      {
        conversionId: `AW-${rng.digits(9)}`,
        conversionLabel: `${rng.hex(6)}_${rng.hex(4)}`,
        valueBased: rng.chance(0.5),
      },
      rng.chance(0.1) ? { enabled: false } : {},
    );
  for (const integ of Object.values(integrations)) varyMapping(rng, integ);

  const hooks: SiteRecord['webhooks'] = [];
  if (rng.chance(0.35)) {
    const hookId = rng.uuid();
    hooks.push(
      webhook({
        id: hookId,
        name: rng.pick(['Orders to ERP', 'Signups to CRM', 'Refunds to finance']),
        url: receiverUrl(origin, id, hookId),
        events: ['purchase'],
        authType: 'hmac',
        authConfig: { secret: webhookSecret(rng) },
        retryPolicy: { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 2000 },
        active: true,
      }),
    );
  }

  const site: SiteRecord = {
    id,
    name,
    domain: `www.${slug(name)}.${rng.pick(TLDS)}`,
    currency,
    integrations,
    webhooks: hooks,
    dataLayer: {
      ...DATA_LAYER_DEFAULTS,
      bufferSize: rng.pick([10, 10, 20, 50]),
      updatedAt: CREATED,
      version: 1,
    },
    // Traffic from a small blog shop (0.2x) to a busy store (2.5x) of the sandbox's rate.
    traffic: Math.round((0.2 + rng.next() * rng.next() * 2.3) * 100) / 100,
  };
  const latent = latentProblemOf(index);
  if (latent) applyLatentProblem(site, latent, rng, origin);
  return site;
}

/** Fleet sites 0..count-1, in order. */
export function fleetSites(seed: number, count: number, origin: string): SiteRecord[] {
  return Array.from({ length: count }, (_, i) => fleetSite(seed, i, origin));
}
