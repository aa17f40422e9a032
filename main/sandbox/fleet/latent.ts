import { integration, receiverUrl, webhook } from '../seed';
import type { Prng } from '../sim/prng';
import type { SiteRecord } from '../store/schema';

/**
 * Problems a real fleet carries without anyone having noticed yet. None of them breaks a GA4
 * provider test (so a GA4 rollout meets them as background noise, not as its own failure).
 */
export const LATENT_PROBLEMS = [
  /** Meta token pasted wrong: credentials check fails, every delivery is refused (failing). */
  'meta_token_invalid',
  /** GA4 without its api secret: server-side sends impossible, health degraded. */
  'ga4_no_secret',
  /** A webhook aimed at a receiver path that does not exist: deliveries fail (failing). */
  'webhook_dead_end',
  /** Google Ads lost its purchase mapping: conversions skipped, health stays green. */
  'gads_no_purchase_mapping',
  /** Meta purchase filter in minor units: nearly all purchases filtered, health stays green. */
  'meta_purchase_filter',
] as const;
export type LatentProblem = (typeof LATENT_PROBLEMS)[number];

/** One fleet site in eight carries a problem (indexes 3, 11, 19, …), cycling through the list. */
export function latentProblemOf(index: number): LatentProblem | undefined {
  if (index % 8 !== 3) return undefined;
  return LATENT_PROBLEMS[Math.floor(index / 8) % LATENT_PROBLEMS.length];
}

export function applyLatentProblem(
  site: SiteRecord,
  problem: LatentProblem,
  rng: Prng,
  origin: string,
): void {
  site.latent = problem;
  switch (problem) {
    case 'meta_token_invalid':
    case 'meta_purchase_filter': {
      const meta = (site.integrations.meta ??= integration('meta', {
        pixelId: rng.digits(15),
        accessToken: `EAAB${rng.hex(60)}`,
      }));
      meta.enabled = true;
      meta.testMode = false;
      if (problem === 'meta_token_invalid') meta.config.accessToken = 'EAAB-expired-2025';
      else
        meta.eventFilters.purchase = {
          enabled: true,
          conditions: [{ field: 'order.total', operator: 'gte', value: 100000 }],
        };
      return;
    }
    case 'ga4_no_secret':
      if (site.integrations.ga4) delete site.integrations.ga4.config.apiSecret;
      return;
    case 'webhook_dead_end': {
      const hookId = rng.uuid();
      site.webhooks.push(
        webhook({
          id: hookId,
          name: 'Orders to warehouse',
          // The receiver knows no webhook under this id: every delivery answers 404.
          url: receiverUrl(origin, site.id, rng.uuid()),
          events: [],
          authType: 'none',
          authConfig: {},
          retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 1000 },
          active: true,
        }),
      );
      return;
    }
    case 'gads_no_purchase_mapping': {
      const gads = (site.integrations.gads ??= integration('gads', {
        conversionId: `AW-${rng.digits(9)}`,
        conversionLabel: `${rng.hex(6)}_${rng.hex(4)}`,
      }));
      gads.enabled = true;
      delete gads.eventMapping.purchase;
      return;
    }
  }
}
