import { issuesFromZod, type ErrorIssue } from '../../../shared/bridge/errors';
import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import {
  DataLayerConfig,
  integrationBodySchema,
  PROVIDER_SECRET_FIELDS,
  WebhookBody,
  type LogEntry,
  type ProviderKey,
  type TestResult,
} from '../../../shared/contract';
import { canonicalJson } from '../../../shared/domain/diff';
import { VOLATILE_FIELDS } from '../../../shared/domain/diff/integration';
import type { Invoke } from '../feature';

export type Body = Record<string, unknown>;
export interface Live {
  body: Body;
  etag: string | undefined;
  stale: boolean;
  staleReason: string | undefined;
}

const site = (k: SnapshotKey) => ({ connectionId: k.connectionId, siteId: k.siteId });
const hookId = (k: SnapshotKey) => k.target.slice('webhook:'.length);

/**
 * The few API operations a change needs, for any target kind (provider, webhook, data layer),
 * all through `invoke` so the cache, offline handling and diagnostics apply as for the screens.
 */
export class TargetIO {
  constructor(
    private readonly invoke: Invoke,
    readonly key: SnapshotKey,
  ) {}

  get kind() {
    return targetKind(this.key.target);
  }

  async read(): Promise<Live> {
    const k = this.key;
    const r =
      this.kind === 'provider'
        ? await this.invoke('integrations.get', { ...site(k), provider: k.target as ProviderKey })
        : this.kind === 'webhook'
          ? await this.invoke('webhooks.get', { ...site(k), webhookId: hookId(k) })
          : await this.invoke('dataLayer.get', site(k));
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

  async write(
    body: Body,
    ifMatch: string | undefined,
  ): Promise<{ body: Body; etag: string | undefined }> {
    const k = this.key;
    const m = ifMatch ? { ifMatch } : {};
    const r =
      this.kind === 'provider'
        ? await this.invoke('integrations.put', {
            ...site(k),
            provider: k.target as ProviderKey,
            body: integrationBodySchema(k.target as ProviderKey).parse(body),
            ...m,
          })
        : this.kind === 'webhook'
          ? await this.invoke('webhooks.update', {
              ...site(k),
              webhookId: hookId(k),
              body: WebhookBody.parse(body),
              ...m,
            })
          : await this.invoke('dataLayer.put', {
              ...site(k),
              body: DataLayerConfig.parse(body),
              ...m,
            });
    return { body: r.data, etag: r.etag };
  }

  /** The mandatory test; the data layer has no test endpoint, so its change is tested through every enabled provider. */
  async test(): Promise<TestResult> {
    const k = this.key;
    if (this.kind === 'provider')
      return this.invoke('integrations.test', { ...site(k), provider: k.target as ProviderKey });
    if (this.kind === 'webhook')
      return this.invoke('webhooks.test', { ...site(k), webhookId: hookId(k) });
    const list = await this.invoke('integrations.list', site(k));
    const results = await Promise.all(
      list.data
        .filter((i) => i.enabled)
        .map((i) => this.invoke('integrations.test', { ...site(k), provider: i.provider })),
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

  async logs(limit: number, offset: number): Promise<LogEntry[] | undefined> {
    const k = this.key;
    if (this.kind === 'data-layer') return undefined;
    const r =
      this.kind === 'provider'
        ? await this.invoke('integrations.logs', {
            ...site(k),
            provider: k.target as ProviderKey,
            limit,
            offset,
          })
        : await this.invoke('webhooks.logs', { ...site(k), webhookId: hookId(k), limit, offset });
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
