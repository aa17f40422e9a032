import type { z } from 'zod';
import {
  DataLayerConfig,
  DefaultMappings,
  IntegrationResource,
  LogsPage,
  ScenarioList,
  SiteHealth,
  TestResult,
  Webhook,
  type IntegrationBody,
  type ProviderKey,
  type ScenarioName,
  type WebhookBody,
} from '../../../shared/contract';
import { ApiFailure, type Answer, type ApiClient } from './client';
import { anything, listOf as rawListOf, oneOf as rawOneOf, tolerant } from './parse';
import type { Parse } from './response';

const seg = encodeURIComponent;
const listOf: typeof rawListOf = (item, key) => tolerant(rawListOf(item, key));
const oneOf: typeof rawOneOf = (schema, key) => tolerant(rawOneOf(schema, key));
export interface Paging {
  limit: number;
  offset: number;
}

/**
 * Every documented endpoint of the Integrations API as a typed method. Paths are built from validated ids and
 * still encoded, so an id can never step out of its path segment.
 */
export class SelwiseApi {
  /** ETag of the last read of each path: a write without an explicit If-Match uses it. */
  private readonly etags = new Map<string, string>();
  constructor(readonly client: ApiClient) {}

  private site(siteId: string): string {
    return `/sites/${seg(siteId)}/integrations`;
  }

  private async read<T>(path: string, parse: Parse<T>, cancel?: AbortSignal): Promise<Answer<T>> {
    const answer = await this.client.send({ method: 'GET', path, parse, cancel });
    this.remember(path, answer.etag);
    return answer;
  }

  private remember(path: string, etag: string | undefined): void {
    if (!etag) return;
    // Bounded: log pages with many offsets must not grow this map without end.
    if (this.etags.size >= 1000 && !this.etags.has(path))
      this.etags.delete(this.etags.keys().next().value!);
    this.etags.set(path, etag);
  }

  /** A replacing write with optimistic concurrency: 412 becomes `conflict` with the current object. */
  private async replace<T>(
    path: string,
    body: unknown,
    ifMatch: string | undefined,
    parse: Parse<T>,
    cancel?: AbortSignal,
  ): Promise<Answer<T>> {
    try {
      const answer = await this.client.send({
        method: 'PUT',
        path,
        body,
        ifMatch: ifMatch ?? this.etags.get(path),
        parse,
        cancel,
      });
      this.remember(path, answer.etag);
      return answer;
    } catch (error) {
      if (
        !(error instanceof ApiFailure) ||
        error.error.kind !== 'conflict' ||
        error.error.current !== undefined
      )
        throw error;
      // Not through read(): the ETag of this re-read must not let a blind retry overwrite it.
      const current = await this.client.send({ method: 'GET', path, parse, cancel }).then(
        (a) => a.data,
        () => undefined,
      );
      throw new ApiFailure(
        { ...error.error, ...(current !== undefined ? { current } : {}) },
        error.sent,
        error.unreachable,
      );
    }
  }

  private write<T>(
    method: 'POST' | 'DELETE',
    path: string,
    parse: Parse<T>,
    body?: unknown,
    cancel?: AbortSignal,
  ): Promise<Answer<T>> {
    return this.client.send({ method, path, body, parse, cancel });
  }

  private logsPath(base: string, p: Paging): string {
    return `${base}/logs?limit=${p.limit}&offset=${p.offset}`;
  }

  listIntegrations(siteId: string, cancel?: AbortSignal) {
    return this.read(this.site(siteId), listOf(IntegrationResource, 'integrations'), cancel);
  }
  getIntegration(siteId: string, provider: ProviderKey, cancel?: AbortSignal) {
    return this.read(
      `${this.site(siteId)}/${provider}`,
      oneOf(IntegrationResource, 'integration'),
      cancel,
    );
  }
  putIntegration(
    siteId: string,
    provider: ProviderKey,
    body: IntegrationBody,
    ifMatch?: string,
    cancel?: AbortSignal,
  ) {
    return this.replace(
      `${this.site(siteId)}/${provider}`,
      body,
      ifMatch,
      oneOf(IntegrationResource, 'integration'),
      cancel,
    );
  }
  deleteIntegration(siteId: string, provider: ProviderKey, cancel?: AbortSignal) {
    return this.write('DELETE', `${this.site(siteId)}/${provider}`, anything, undefined, cancel);
  }
  testIntegration(siteId: string, provider: ProviderKey, cancel?: AbortSignal) {
    return this.write(
      'POST',
      `${this.site(siteId)}/${provider}/test`,
      oneOf(TestResult),
      {},
      cancel,
    );
  }
  integrationLogs(siteId: string, provider: ProviderKey, paging: Paging, cancel?: AbortSignal) {
    return this.read(
      this.logsPath(`${this.site(siteId)}/${provider}`, paging),
      oneOf(LogsPage),
      cancel,
    );
  }
  mappings(siteId: string, provider: ProviderKey, cancel?: AbortSignal) {
    return this.read(`${this.site(siteId)}/${provider}/mappings`, oneOf(DefaultMappings), cancel);
  }
  health(siteId: string, cancel?: AbortSignal) {
    return this.read(`${this.site(siteId)}/health`, oneOf(SiteHealth, 'health'), cancel);
  }
  getDataLayer(siteId: string, cancel?: AbortSignal) {
    return this.read(
      `${this.site(siteId)}/data-layer`,
      oneOf(DataLayerConfig, 'dataLayer'),
      cancel,
    );
  }
  putDataLayer(
    siteId: string,
    body: z.input<typeof DataLayerConfig>,
    ifMatch?: string,
    cancel?: AbortSignal,
  ) {
    return this.replace(
      `${this.site(siteId)}/data-layer`,
      body,
      ifMatch,
      oneOf(DataLayerConfig, 'dataLayer'),
      cancel,
    );
  }
  listWebhooks(siteId: string, cancel?: AbortSignal) {
    return this.read(`${this.site(siteId)}/webhooks`, listOf(Webhook, 'webhooks'), cancel);
  }
  getWebhook(siteId: string, id: string, cancel?: AbortSignal) {
    return this.read(`${this.site(siteId)}/webhooks/${seg(id)}`, oneOf(Webhook, 'webhook'), cancel);
  }
  createWebhook(siteId: string, body: WebhookBody, cancel?: AbortSignal) {
    return this.write(
      'POST',
      `${this.site(siteId)}/webhooks`,
      oneOf(Webhook, 'webhook'),
      body,
      cancel,
    );
  }
  updateWebhook(
    siteId: string,
    id: string,
    body: WebhookBody,
    ifMatch?: string,
    cancel?: AbortSignal,
  ) {
    return this.replace(
      `${this.site(siteId)}/webhooks/${seg(id)}`,
      body,
      ifMatch,
      oneOf(Webhook, 'webhook'),
      cancel,
    );
  }
  /** With `ifMatch`, the server refuses (412) to delete a webhook edited since that read. */
  deleteWebhook(siteId: string, id: string, ifMatch?: string, cancel?: AbortSignal) {
    return this.client.send({
      method: 'DELETE',
      path: `${this.site(siteId)}/webhooks/${seg(id)}`,
      parse: anything,
      ifMatch,
      cancel,
    });
  }
  testWebhook(siteId: string, id: string, cancel?: AbortSignal) {
    return this.write(
      'POST',
      `${this.site(siteId)}/webhooks/${seg(id)}/test`,
      oneOf(TestResult),
      {},
      cancel,
    );
  }
  webhookLogs(siteId: string, id: string, paging: Paging, cancel?: AbortSignal) {
    return this.read(
      this.logsPath(`${this.site(siteId)}/webhooks/${seg(id)}`, paging),
      oneOf(LogsPage),
      cancel,
    );
  }

  // The sandbox's drill control sits at the origin root, outside the API base path.
  listScenarios(cancel?: AbortSignal) {
    return this.client.send({
      method: 'GET',
      path: '/__sandbox/scenarios',
      fromOrigin: true,
      parse: oneOf(ScenarioList),
      cancel,
    });
  }
  startScenario(name: ScenarioName, siteId: string, cancel?: AbortSignal) {
    const path = `/__sandbox/scenarios/${seg(name)}`;
    return this.client.send({
      method: 'POST',
      path,
      fromOrigin: true,
      body: { siteId },
      parse: anything,
      cancel,
    });
  }
  clearScenarios(name: ScenarioName | undefined, cancel?: AbortSignal) {
    const path = name ? `/__sandbox/scenarios/${seg(name)}` : '/__sandbox/scenarios';
    return this.client.send({ method: 'DELETE', path, fromOrigin: true, parse: anything, cancel });
  }
}
