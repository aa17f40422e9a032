import { request } from 'undici';
import {
  ALERT_KIND_LABELS,
  type Alert,
  type AlertDelivery,
} from '../../../shared/domain/alerts/schema';

const COLORS: Record<Alert['kind'], string> = {
  health: '#c62828',
  silence: '#c62828',
  drift: '#ef6c00',
  filtered: '#ef6c00',
};

/**
 * One JSON body both Slack and Microsoft Teams incoming webhooks accept: `text` (both), Slack's
 * `attachments[].fields` and Teams' MessageCard `sections[].facts`. Each side ignores the other's
 * keys, so one URL of either kind works with no setting.
 */
export function outboundBody(alert: Alert, connectionName: string): Record<string, unknown> {
  const text = `Integration Ops: ${alert.title}`;
  const fields = [
    { title: 'Site', value: alert.siteLabel },
    { title: 'Connection', value: connectionName },
    { title: 'Target', value: alert.target },
    { title: 'Kind', value: ALERT_KIND_LABELS[alert.kind] },
    { title: 'Raised', value: alert.raisedAt },
    { title: 'Detail', value: alert.detail },
  ];
  return {
    text,
    attachments: [
      {
        color: COLORS[alert.kind],
        title: alert.title,
        text: alert.detail,
        fields: fields.map((f) => ({ ...f, short: f.title !== 'Detail' })),
        ts: Math.floor(Date.parse(alert.raisedAt) / 1000),
      },
    ],
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: text,
    themeColor: COLORS[alert.kind].slice(1),
    title: text,
    sections: [
      {
        activityTitle: alert.title,
        text: alert.detail,
        facts: fields.map((f) => ({ name: f.title, value: f.value })),
      },
    ],
  };
}

const TIMEOUT_MS = 10_000;

/**
 * Posts one alert. Sent once: a failure is recorded on the alert (status or reason), never retried
 * behind the operator's back, so a receiver that took it but answered late does not page twice.
 */
export async function postAlert(
  url: string,
  body: Record<string, unknown>,
  now: () => Date = () => new Date(),
): Promise<AlertDelivery> {
  const at = now().toISOString();
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body.dump();
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return {
      at,
      ok,
      status: res.statusCode,
      ...(ok ? {} : { error: `the receiver answered HTTP ${res.statusCode}` }),
    };
  } catch (error) {
    return { at, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
