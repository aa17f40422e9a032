import { PROVIDER_KEYS, type ProviderKey } from '../../../shared/contract/providers';
import { classifyEvent } from '../../../shared/domain/rules';
import type { ScenarioBook } from '../scenarios/book';
import type { SiteRecord, StoredIntegration } from '../store/schema';
import type { SiteState } from '../state';
import { EventGenerator, type SimEvent } from './generator';
import { Prng } from './prng';
import { PROVIDERS, type ProviderOutcome } from './providers';
import { PROVIDER_MAX_ATTEMPTS, backoffMs, isRetryable } from './retry';
import type { Scheduler } from './scheduler';
import type { Counter } from './health-window';
import { Streams, type Stream } from './streams';
import type { WebhookDispatcher } from './webhook-dispatch';

export const TICK_MS = 200;

export interface PipelineDeps {
  state: SiteState;
  streams: Streams;
  scenarios: ScenarioBook;
  scheduler: Scheduler;
  webhooks: WebhookDispatcher;
  seed: number;
  eventsPerSecond: number;
  retryBaseMs: number;
}

/** Data-layer reverse names apply to every provider; an integration's own entries win. */
export function effectiveIntegration(
  site: SiteRecord,
  integ: StoredIntegration,
): StoredIntegration {
  return {
    ...integ,
    reverseEventMapping: {
      ...(site.dataLayer.reverseEventMapping ?? {}),
      ...integ.reverseEventMapping,
    },
  };
}

/**
 * The simulated platform: per site, events in batches every tick, through every enabled provider
 * (classify -> build -> validate -> deliver -> retry) and every subscribed webhook.
 */
export class Pipeline {
  private readonly generators = new Map<string, EventGenerator>();
  private readonly carry = new Map<string, number>();
  readonly rng: Prng;

  constructor(private readonly d: PipelineDeps) {
    this.rng = new Prng(d.seed ^ 0x5eed);
  }

  start(): void {
    if (this.d.eventsPerSecond <= 0) return;
    this.d.scheduler.every(TICK_MS, () => this.tick());
  }

  /** The wait before attempt n + 1: the pipeline's backoff, scaled to the sandbox clock. */
  retryDelayMs(n: number, out: ProviderOutcome): number {
    return backoffMs(
      n,
      this.d.retryBaseMs,
      this.rng,
      out.retryAfterMs ?? 0,
      this.d.retryBaseMs / 500,
    );
  }

  generator(site: SiteRecord): EventGenerator {
    let g = this.generators.get(site.id);
    if (!g) {
      g = new EventGenerator(new Prng(this.d.seed + this.generators.size * 7919 + 1), site);
      this.generators.set(site.id, g);
    }
    return g;
  }

  /**
   * History mode: deliveries resolve at once with the event's own timestamp and stay out of the
   * health window (it describes the last minutes, not the backfill).
   */
  private history = false;

  private later(ms: number, fn: () => void): void {
    if (this.history) fn();
    else this.d.scheduler.after(ms, fn);
  }

  private count(stream: Stream, c: Counter): void {
    if (!this.history) stream.window.record(c);
  }

  /**
   * Backfills `perSite` events of history per site, spread over the past at the configured rate,
   * so the first screen (and the log benchmark) has deep logs at once. Webhook history is logged
   * as delivered without any HTTP call (see WebhookDispatcher.recordHistory).
   */
  backfill(perSite: number): void {
    if (perSite <= 0) return;
    const now = Date.now();
    const spanMs = (perSite / Math.max(1, this.d.eventsPerSecond)) * 1000;
    this.history = true;
    try {
      for (const site of this.d.state.all()) {
        const gen = this.generator(site);
        // A quiet fleet shop has less history over the same span than a busy one.
        const n = Math.max(1, Math.round(perSite * (site.traffic ?? 1)));
        for (let i = 0; i < n; i++) {
          const ev = gen.next(Math.round(now - spanMs + (i * spanMs) / n));
          for (const provider of PROVIDER_KEYS) {
            const integ = site.integrations[provider];
            if (integ?.enabled)
              this.processProvider(site, provider, effectiveIntegration(site, integ), ev);
          }
          this.d.webhooks.recordHistory(site, ev, () => this.rng.int(40, 400));
        }
      }
    } finally {
      this.history = false;
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const site of this.d.state.all()) {
      // Fractional carry keeps the long-run rate exact at any events-per-second value.
      const rate = this.d.eventsPerSecond * (site.traffic ?? 1);
      const due = (this.carry.get(site.id) ?? 0) + (rate * TICK_MS) / 1000;
      const n = Math.floor(due);
      this.carry.set(site.id, due - n);
      const gen = this.generator(site);
      for (let i = 0; i < n; i++) this.process(site, gen.next(now));
    }
  }

  process(site: SiteRecord, ev: SimEvent): void {
    for (const provider of PROVIDER_KEYS) {
      const integ = site.integrations[provider];
      if (!integ?.enabled) continue;
      this.processProvider(site, provider, effectiveIntegration(site, integ), ev);
    }
    this.d.webhooks.dispatchEvent(site, ev);
  }

  private processProvider(
    site: SiteRecord,
    provider: ProviderKey,
    integ: StoredIntegration,
    ev: SimEvent,
  ): void {
    const stream = this.d.streams.get(Streams.providerKey(site.id, provider));
    const c = classifyEvent(integ, ev);
    const base = {
      timestamp: new Date(ev.timestamp).toISOString(),
      provider,
      event: c.canonical,
      eventId: ev.eventId,
      attempt: 0,
    };
    if (c.status === 'filtered') {
      stream.ring.push({
        ...base,
        status: 'filtered',
        reason: c.reason,
        payload: { condition: c.failingCondition },
      });
      this.count(stream, 'filtered');
      return;
    }
    if (c.status === 'skipped') {
      stream.ring.push({ ...base, status: 'skipped', reason: c.reason });
      this.count(stream, 'skipped');
      return;
    }
    const sim = PROVIDERS[provider];
    const body = sim.build(ev, c.mappedEvent, integ, site);
    const summary = sim.summary(body);
    if (integ.testMode) {
      stream.ring.push({
        ...base,
        mappedEvent: c.mappedEvent,
        status: 'test_mode',
        reason: 'testMode: logged only, nothing sent',
        payload: summary,
      });
      this.count(stream, 'testMode');
      return;
    }
    const { warnings } = sim.validate(body, integ, Date.now());
    const diagnostic = warnings.length
      ? `payload_diagnostic: ${warnings.map((w) => `${w.code} ${w.fieldPath}`).join('; ')}`
      : undefined;
    this.attempt(
      site,
      integ,
      stream,
      { ...base, mappedEvent: c.mappedEvent },
      body,
      summary,
      diagnostic,
      1,
    );
  }

  private attempt(
    site: SiteRecord,
    integ: StoredIntegration,
    stream: Stream,
    base: {
      timestamp: string;
      provider: ProviderKey;
      event: string;
      eventId: string;
      mappedEvent: string;
    },
    body: Record<string, unknown>,
    summary: Record<string, unknown>,
    diagnostic: string | undefined,
    n: number,
  ): void {
    const sim = PROVIDERS[base.provider];
    const out = sim.respond(
      body,
      integ,
      this.d.scenarios.conditions(site.id, base.provider),
      this.rng,
    );
    this.later(out.latencyMs, () => {
      const entry = {
        ...base,
        timestamp: this.history ? base.timestamp : new Date().toISOString(),
        attempt: n,
        httpStatus: out.httpStatus,
        durationMs: out.latencyMs,
        payload: summary,
      };
      if (out.ok) {
        stream.ring.push({
          ...entry,
          status: 'sent',
          ...(diagnostic ? { reason: diagnostic } : {}),
        });
        this.count(stream, 'sent');
        if (!this.history) stream.window.success();
        return;
      }
      if (out.kind === 'throttle') this.count(stream, 'throttled');
      if (out.kind === 'server') this.count(stream, 'serverError');
      if (out.kind === 'auth') this.count(stream, 'authFailed');
      const error = out.error ?? { code: `http_${out.httpStatus}`, message: 'delivery failed' };
      if (isRetryable(out) && n < PROVIDER_MAX_ATTEMPTS) {
        const delay = this.retryDelayMs(n, out);
        stream.ring.push({
          ...entry,
          status: 'retrying',
          error,
          reason: `retry ${n + 1}/${PROVIDER_MAX_ATTEMPTS} in ${delay} ms`,
        });
        this.count(stream, 'retried');
        this.later(delay, () =>
          this.attempt(site, integ, stream, base, body, summary, diagnostic, n + 1),
        );
        return;
      }
      const why =
        out.kind === 'auth'
          ? 'auth failure: not retried'
          : isRetryable(out)
            ? 'retries exhausted'
            : 'rejected by the provider: not retried';
      stream.ring.push({ ...entry, status: 'failed', error, reason: why });
      this.count(stream, 'failed');
      if (!this.history) stream.window.error(error.code, error.message, out.kind === 'auth');
    });
  }
}
