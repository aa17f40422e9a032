import type { TailStream } from '../../../shared/bridge/calls/tail';

export type { TailStream };

const PROVIDER_LABEL: Record<string, string> = { ga4: 'GA4', meta: 'Meta', gads: 'Google Ads' };

/** The short label shown in the stream column and used as the row's stream key. */
export function streamLabel(s: TailStream, webhookNames?: Record<string, string>): string {
  if (s.kind === 'provider') return PROVIDER_LABEL[s.provider] ?? s.provider;
  return `Webhook ${webhookNames?.[s.webhookId] ?? s.webhookId}`;
}

export { streamKey } from '../../../shared/domain/trace';
