import { reverseMap } from '../../../shared/domain/rules';
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
  return { id, body, event: canonical, eventId: ev.eventId, test };
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
    const canonical = reverseMap(site.dataLayer.reverseEventMapping, ev.name);
    for (const hook of site.webhooks) {
      if (!hook.active) continue;
      if (hook.events.length > 0 && !hook.events.includes(canonical)) continue;
      void this.deliver(site, hook, buildMessage(site, canonical, ev), 1);
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
