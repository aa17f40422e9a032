import { afterEach, describe, expect, test } from 'vitest';
import { LogsPage, type LogEntry } from '../../shared/contract';
import { eventually, startHarness, type Harness } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function logs(hh: Harness, path: string): Promise<LogEntry[]> {
  return LogsPage.parse(
    (await hh.api('GET', `/sites/${hh.site}/integrations/${path}/logs?limit=500`)).body,
  ).entries;
}

describe('payload summaries carry the order id, as real platform logs do', () => {
  test('GA4 transaction_id, Meta and Google Ads order_id, the webhook message: one order, one id', async () => {
    h = await startHarness({ eventsPerSecond: 100 });
    const hh = h;
    const hooks = (await hh.api('GET', `/sites/${hh.site}/integrations/webhooks`)).body as {
      webhooks: { id: string; name: string }[];
    };
    const erp = hooks.webhooks.find((w) => w.name === 'Orders to ERP')!;
    const found = await eventually(async () => {
      const [ga4, meta, gads, hook] = await Promise.all([
        logs(hh, 'ga4'),
        logs(hh, 'meta'),
        logs(hh, 'gads'),
        logs(hh, `webhooks/${erp.id}`),
      ]);
      const sent = hook.find((e) => e.event === 'purchase' && e.status === 'sent');
      if (!sent) return undefined;
      const same = (xs: LogEntry[]) => xs.find((e) => e.eventId === sent.eventId);
      const g = same(ga4);
      const m = same(meta);
      const a = same(gads);
      return g && m && a ? { g, m, a, w: sent } : undefined;
    }, 20_000);
    const orderId = found.w.payload?.order_id;
    expect(orderId).toMatch(/^ORD-\d{8}$/);
    expect(found.w.payload?.message_id).toBe(`msg_${found.w.eventId}`);
    expect(found.g.payload?.transaction_id).toBe(orderId);
    expect(found.m.payload?.order_id).toBe(orderId);
    expect(found.a.payload?.order_id).toBe(orderId);
    // Events without an order carry no order field.
    const pv = (await logs(hh, 'ga4')).find((e) => e.event === 'page_view' && e.status === 'sent');
    expect(pv?.payload && 'transaction_id' in pv.payload).toBe(false);
  });

  test('history is backfilled for webhooks too, without any HTTP delivery', async () => {
    h = await startHarness({ historyEvents: 300 });
    const hh = h;
    const hooks = (await hh.api('GET', `/sites/${hh.site}/integrations/webhooks`)).body as {
      webhooks: { id: string }[];
    };
    const hook = await logs(hh, `webhooks/${hooks.webhooks[0]!.id}`);
    expect(hook.length).toBeGreaterThan(0);
    expect(hook.every((e) => e.status === 'sent' && e.httpStatus === 200)).toBe(true);
    // History keeps the events' own times, spread over the past.
    const times = hook.map((e) => Date.parse(e.timestamp));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(10_000);
  });
});
