import { fail, issuesFromZod, type ErrorIssue, type Freshness } from '../../../shared/bridge';
import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import {
  DataLayerConfig,
  integrationBodySchema,
  isMasked,
  PROVIDER_SECRET_FIELDS,
  WebhookBody,
  type LogEntry,
  type ProviderKey,
  type TestResult,
} from '../../../shared/contract';
import { canonicalJson } from '../../../shared/domain/diff';
import { VOLATILE_FIELDS } from '../../../shared/domain/diff/integration';
import type { ApiService } from '../api';

export type Body = Record<string, unknown>;
export interface Live {
  body: Body;
  etag: string | undefined;
  stale: boolean;
  staleReason: string | undefined;
}

const hookId = (k: SnapshotKey) => k.target.slice('webhook:'.length);

/**
 * The API operations on one target (a provider, a webhook or the data layer), whatever its kind:
 * what snapshots read and what the change workflow reads, writes and tests.
 */
export class TargetIO {
  constructor(
    private readonly api: ApiService,
    readonly key: SnapshotKey,
  ) {}

  get kind() {
    return targetKind(this.key.target);
  }

  private get site() {
    return { connectionId: this.key.connectionId, siteId: this.key.siteId };
  }

  async read(freshness: Freshness): Promise<Live> {
    const k = this.key;
    const r =
      this.kind === 'provider'
        ? await this.api.reads.integration(this.site, k.target as ProviderKey, freshness)
        : this.kind === 'webhook'
          ? await this.api.reads.webhook(this.site, hookId(k), freshness)
          : await this.api.reads.dataLayer(this.site, freshness);
    return { body: r.data, etag: r.etag, stale: r.stale, staleReason: r.staleReason };
  }

  /** Validates a draft as the API would (per provider), so errors show before anything is sent. */
  validate(body: Body): ErrorIssue[] {
    const schema =
      this.kind === 'provider'
        ? integrationBodySchema(this.key.target as ProviderKey)
        : this.kind === 'webhook'
          ? WebhookBody
          : DataLayerConfig;
    const r = schema.safeParse(body);
    return r.success ? [] : issuesFromZod(r.error);
  }

  /** Replaces the target's configuration (PUT with If-Match). */
  async write(
    body: Body,
    ifMatch: string | undefined,
  ): Promise<{ body: Body; etag: string | undefined }> {
    const k = this.key;
    const w = this.api.writes;
    const r =
      this.kind === 'provider'
        ? await w.putIntegration(
            this.site,
            k.target as ProviderKey,
            integrationBodySchema(k.target as ProviderKey).parse(body),
            ifMatch,
          )
        : this.kind === 'webhook'
          ? await w.updateWebhook(this.site, hookId(k), WebhookBody.parse(body), ifMatch)
          : await w.putDataLayer(this.site, DataLayerConfig.parse(body), ifMatch);
    return { body: r.data, etag: r.etag };
  }

  /** Creates the webhook this body describes; answers it with the id the server gave it. */
  async create(body: Body): Promise<{ body: Body; etag: string | undefined; id: string }> {
    if (this.kind !== 'webhook') fail('validation', 'Only webhooks are created by a change.');
    const r = await this.api.writes.createWebhook(this.site, WebhookBody.parse(body));
    return { body: r.data, etag: r.etag, id: r.data.id };
  }

  /** Deletes the webhook, refused by the server (412) if it changed since `ifMatch`. */
  async remove(ifMatch: string | undefined): Promise<void> {
    if (this.kind !== 'webhook') fail('validation', 'Only webhooks are deleted by a change.');
    await this.api.writes.deleteWebhook(this.site, hookId(this.key), ifMatch);
  }

  /**
   * A body that will be created, not written over a stored one: a masked secret (from a snapshot
   * of a deleted webhook) cannot be kept, since nothing stores it any more.
   */
  validateNew(body: Body): ErrorIssue[] {
    const auth = body.authConfig;
    const masked =
      auth && typeof auth === 'object'
        ? Object.entries(auth as Body)
            .filter(([, v]) => isMasked(v))
            .map(([k]) => ({
              path: `authConfig.${k}`,
              message:
                'enter the secret again: a webhook being created has no stored secret to keep',
            }))
        : [];
    return [...this.validate(body), ...masked];
  }

  /** The mandatory test; the data layer has no test endpoint, so its change is tested through every enabled provider. */
  async test(): Promise<TestResult> {
    const k = this.key;
    if (this.kind === 'provider')
      return this.api.tests.integration(this.site, k.target as ProviderKey);
    if (this.kind === 'webhook') return this.api.tests.webhook(this.site, hookId(k));
    const list = await this.api.reads.integrations(this.site, 'live');
    const results = await Promise.all(
      list.data
        .filter((i) => i.enabled)
        .map((i) => this.api.tests.integration(this.site, i.provider)),
    );
    return {
      ok: results.every((r) => r.ok),
      startedAt: new Date().toISOString(),
      durationMs: results.reduce((s, r) => s + r.durationMs, 0),
      steps: results.flatMap((r) =>
        r.steps.map((s) => ({ ...s, name: `${r.provider ?? '?'}: ${s.name}` })),
      ),
    };
  }

  /** One page of the target's logs, newest first; undefined for the data layer (it has none). */
  async logs(limit: number, offset: number, freshness: Freshness): Promise<LogEntry[] | undefined> {
    const k = this.key;
    if (this.kind === 'data-layer') return undefined;
    // Decisions read these pages once; keeping an offline copy of each would only fill the cache.
    const page = { limit, offset, persist: freshness === 'display' };
    const r =
      this.kind === 'provider'
        ? await this.api.reads.integrationLogs(this.site, k.target as ProviderKey, page, freshness)
        : await this.api.reads.webhookLogs(this.site, hookId(k), page, freshness);
    return r.data.entries;
  }

  /**
   * Whether two bodies behave the same: bookkeeping fields are ignored, and so are secrets (reads
   * mask them, so a draft with a new token never equals what the server answers).
   */
  same(a: Body, b: Body): boolean {
    return canonicalJson(this.behaviour(a)) === canonicalJson(this.behaviour(b));
  }

  private behaviour(body: Body): Body {
    const out: Body = {};
    for (const [k, v] of Object.entries(body))
      if (!VOLATILE_FIELDS.has(k) && k !== 'authConfig') out[k] = v;
    if (this.kind === 'provider' && out.config && typeof out.config === 'object') {
      const config = { ...(out.config as Body) };
      for (const f of PROVIDER_SECRET_FIELDS[this.key.target as ProviderKey]) delete config[f];
      out.config = config;
    }
    return out;
  }
}
