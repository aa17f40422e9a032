import type { ScenarioName } from '../../../shared/contract/sandbox';

/** What each drill does, in the words an operator reads in the drill picker. */
export const SCENARIO_CATALOG: Record<ScenarioName, { title: string; description: string }> = {
  rate_limit_storm: {
    title: 'Provider rate-limit storm',
    description:
      'Meta answers code 4/17 and Google Ads RESOURCE_EXHAUSTED for most requests; GA4 answers some 429s. Deliveries go retrying, some end failed; health degrades.',
  },
  provider_outage: {
    title: 'Provider outage',
    description:
      'Every provider endpoint of the site answers 5xx. Retries exhaust and deliveries fail; connectivity and delivery checks go red.',
  },
  credentials_revoked: {
    title: 'Meta access token revoked',
    description:
      'Meta answers OAuth error 190 (subcode 460) to every request. Auth failures are not retried: deliveries fail at once and the credentials check fails.',
  },
  filter_suppression: {
    title: 'Purchase filter suppresses conversions',
    description:
      'An outside change sets the purchase filter to order.total gte 100000 (minor units typed as major) on every provider. Nearly all purchases are filtered while health stays green. The config change stays after the drill is cleared: restore it yourself.',
  },
  mapping_overwrite: {
    title: 'Critical mappings overwritten',
    description:
      'An outside PUT removes the purchase and add_to_cart mappings from Meta and Google Ads: those events are skipped (no_mapping). The change stays after the drill is cleared, as in life: restore from a snapshot.',
  },
  webhook_receiver_down: {
    title: 'Webhook receiver down',
    description:
      "The built-in receiver behind the site's seeded webhooks answers 503. Deliveries retry on the webhook's schedule and then fail.",
  },
  api_slow: {
    title: 'Management API slow',
    description: 'Every management API call for the site takes an extra 2 to 5 seconds.',
  },
  api_flaky: {
    title: 'Management API flaky',
    description:
      'About a third of management API calls for the site answer 429 (with Retry-After) or 503.',
  },
};
