import { getPath, reverseMap } from '../../../shared/domain/rules';
import type { SiteRecord, StoredWebhook } from '../store/schema';
import type { SimEvent } from './generator';
import type { Scheduler } from './scheduler';
import { Streams } from './streams';
import type { DeliveryResult, WebhookSender } from './webhook-delivery';

/** Beyond this many deliveries in flight for one webhook, new ones fail fast instead of piling up. */
const MAX_IN_FLIGHT = 200;

export interface WebhookMessage {
  id: string;
  body: string;
  event: string;
  eventId: string;
  test: boolean;
  /** What the delivery log shows of the message: its id and the order it carries, if any. */
  summary: Record<string, unknown>;
}

export function buildMessage(
  site: SiteRecord,
  canonical: string,
  ev: SimEvent,
  test = false,
): WebhookMessage {
  const id = `msg_${ev.eventId}`;
  const body = JSON.stringify({
    type: canonical,
    timestamp: new Date(ev.timestamp).toISOString(),
    data: {
      siteId: site.id,
      eventId: ev.eventId,
      event: canonical,
      payload: ev.payload,
      ...(test ? { test: true } : {}),
    },
  });
  const orderId = getPath(ev.payload, 'order.id');
  const summary = { message_id: id, ...(typeof orderId === 'string' ? { order_id: orderId } : {}) };
  return { id, body, event: canonical, eventId: ev.eventId, test, summary };
}

function subscribed(site: SiteRecord, ev: SimEvent): { hook: StoredWebhook; canonical: string }[] {
  const canonical = reverseMap(site.dataLayer.reverseEventMapping, ev.name);
  return site.webhooks
    .filter((h) => h.active && (h.events.length === 0 || h.events.includes(canonical)))
    .map((hook) => ({ hook, canonical }));
}

/** Webhook delay for attempt n (1-based) from its policy, compressed by the sandbox time scale. */
export function webhookDelayMs(
  hook: StoredWebhook,
  n: number,
  timeScale: number,
  retryAfterMs = 0,
): number {
  const p = hook.retryPolicy;
  const base = p.backoff === 'exponential' ? p.initialDelayMs * 2 ** (n - 1) : p.initialDelayMs;
  return Math.round(Math.max(base, retryAfterMs) * timeScale);
}

/** Real POSTs of subscribed events, with the webhook's own retry schedule, logged per attempt. */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly sender: WebhookSender,
    private readonly streams: Streams,
    private readonly scheduler: Scheduler,
    private readonly timeScale: number,
  ) {}

  dispatchEvent(site: SiteRecord, ev: SimEvent): void {
    for (const { hook, canonical } of subscribed(site, ev))
      void this.deliver(site, hook, buildMessage(site, canonical, ev), 1);
  }

  /**
   * History (the start-up backfill): what the log would show had the receiver answered 200, with
   * the event's own timestamp. No HTTP request is made and the health window is left alone.
   */
  recordHistory(site: SiteRecord, ev: SimEvent, latencyMs: () => number): void {
    for (const { hook, canonical } of subscribed(site, ev)) {
      const msg = buildMessage(site, canonical, ev);
      this.streams.get(Streams.webhookKey(site.id, hook.id)).ring.push({
        timestamp: new Date(ev.timestamp).toISOString(),
        webhookId: hook.id,
        event: canonical,
        eventId: ev.eventId,
        attempt: 1,
        status: 'sent',
        httpStatus: 200,
        durationMs: latencyMs(),
        payload: msg.summary,
      });
    }
  }

  /** One attempt; resolves with its result (the test endpoint uses it), retries scheduled after. */
  async deliver(
    site: SiteRecord,
    hook: StoredWebhook,
    msg: WebhookMessage,
    n: number,
    retry = true,
  ): Promise<DeliveryResult> {
    const key = Streams.webhookKey(site.id, hook.id);
    const stream = this.streams.get(key);
    const base = {
      timestamp: new Date().toISOString(),
      webhookId: hook.id,
      event: msg.event,
      eventId: msg.eventId,
      attempt: n,
      payload: msg.summary,
      ...(msg.test ? { test: true } : {}),
    };
    const inFlight = this.inFlight.get(key) ?? 0;
    if (inFlight >= MAX_IN_FLIGHT) {
      stream.ring.push({
        ...base,
        status: 'failed',
        error: { code: 'backpressure', message: `${MAX_IN_FLIGHT} deliveries already in flight` },
      });
      stream.window.record('failed');
      return {
        ok: false,
        durationMs: 0,
        retryable: false,
        error: { code: 'backpressure', message: 'too many deliveries in flight' },
      };
    }
    this.inFlight.set(key, inFlight + 1);
    let res: DeliveryResult;
    try {
      res = await this.sender.send(hook, msg.id, msg.body);
    } finally {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    }
    if (this.scheduler.isClosed) return res;
    const entry = {
      ...base,
      timestamp: new Date().toISOString(),
      durationMs: res.durationMs,
      ...(res.httpStatus !== undefined ? { httpStatus: res.httpStatus } : {}),
    };
    if (res.ok) {
      stream.ring.push({ ...entry, status: 'sent' });
      stream.window.record('sent');
      stream.window.success();
      return res;
    }
    const error = res.error ?? { code: 'failed', message: 'delivery failed' };
    if (res.httpStatus !== undefined && res.httpStatus >= 500) stream.window.record('serverError');
    if (retry && res.retryable && n < hook.retryPolicy.maxAttempts) {
      const delay = webhookDelayMs(hook, n, this.timeScale, res.retryAfterMs);
      stream.ring.push({
        ...entry,
        status: 'retrying',
        error,
        reason: `attempt ${n + 1}/${hook.retryPolicy.maxAttempts} in ${delay} ms`,
      });
      stream.window.record('retried');
      this.scheduler.after(delay, () => {
        // Retry against the webhook as it is now: deleted or deactivated in the meantime = stop.
        const current = site.webhooks.find((w) => w.id === hook.id);
        if (current?.active) void this.deliver(site, current, msg, n + 1);
      });
      return res;
    }
    stream.ring.push({
      ...entry,
      status: 'failed',
      error,
      reason: res.retryable && retry ? 'retries exhausted' : 'not retried',
    });
    stream.window.record('failed');
    stream.window.error(
      error.code,
      error.message,
      res.httpStatus === 401 || res.httpStatus === 403,
    );
    return res;
  }
}
