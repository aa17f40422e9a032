import type { ProviderKey } from '../../contract/providers';

/**
 * The one display name of every target the app operates on: tabs, headings, change titles, the
 * journal, exports, notifications and the command palette all call this, never a raw key
 * (`ga4`, `webhook:wh_123`, `data-layer`).
 */
export const PROVIDER_NAMES: Record<ProviderKey, string> = {
  ga4: 'GA4',
  meta: 'Meta',
  gads: 'Google Ads',
};

/** What a provider is, for the one place that explains it (provider page subtitle). */
export const PROVIDER_DESCRIPTIONS: Record<ProviderKey, string> = {
  ga4: 'Google Analytics 4, Measurement Protocol',
  meta: 'Meta Conversions API',
  gads: 'Google Ads offline conversions',
};

export const DATA_LAYER_NAME = 'Data layer';

/** Webhook names by id, as far as they are known (the webhook list of the site). */
export type WebhookNames = Readonly<Record<string, string>>;

function isProvider(target: string): target is ProviderKey {
  return Object.hasOwn(PROVIDER_NAMES, target);
}

/**
 * `ga4` -> "GA4", `data-layer` -> "Data layer", `webhook:<id>` -> the webhook's name ("Orders to
 * ERP"); a webhook whose name is not known (deleted, list not loaded) -> "Webhook <first 8 of id>".
 */
export function targetName(target: string, webhookNames: WebhookNames = {}): string {
  if (isProvider(target)) return PROVIDER_NAMES[target];
  if (target === 'google_ads') return PROVIDER_NAMES.gads;
  if (target === 'data-layer' || target === 'dataLayer') return DATA_LAYER_NAME;
  const id = target.startsWith('webhook:') ? target.slice('webhook:'.length) : undefined;
  if (id !== undefined) return webhookName(id, webhookNames);
  return target;
}

export function webhookName(id: string, webhookNames: WebhookNames = {}): string {
  const name = webhookNames[id]?.trim();
  return name ? name : `Webhook ${id.slice(0, 8)}`;
}

/** The kind of a target in words, for rollback labels ("Disable data layer", "Deactivate webhook"). */
export function targetNoun(target: string): 'provider' | 'webhook' | 'data layer' {
  if (target === 'data-layer') return 'data layer';
  return target.startsWith('webhook:') ? 'webhook' : 'provider';
}
