import { fail } from '../../../shared/bridge';
import type { Alert, AlertDelivery } from '../../../shared/domain/alerts/schema';
import type { ConnectionService } from '../connections/connection-service';
import type { SecretStore } from '../secrets/types';
import type { AlertStore } from './alert-store';
import { outboundBody, postAlert } from './outbound';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The optional chat/pager webhook of a connection. Its URL is a credential (a Slack or Teams
 * incoming-webhook URL lets anyone post to the channel), so it lives in the secret store like a
 * token; the renderer only learns whether one is set and its host.
 */
export class OutboundAlerts {
  constructor(
    private readonly secrets: SecretStore,
    private readonly connections: ConnectionService,
    private readonly store: AlertStore,
  ) {}

  private ref(connectionId: string): string {
    return `alert-webhook-${connectionId}`;
  }

  async info(connectionId: string): Promise<{ configured: boolean; host?: string }> {
    const url = await this.secrets.get(this.ref(connectionId));
    return url ? { configured: true, host: new URL(url).host } : { configured: false };
  }

  /** https only (plain http on this machine, for a local receiver); `null` removes it. */
  async set(
    connectionId: string,
    url: string | null,
  ): Promise<{ configured: boolean; host?: string }> {
    await this.connections.resolve(connectionId);
    if (url === null) {
      await this.secrets.delete(this.ref(connectionId));
      return { configured: false };
    }
    const u = new URL(url);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname)))
      fail(
        'validation',
        'The alert webhook must be an https:// address (http only on this machine).',
        {
          issues: [{ path: 'url', message: 'use https://' }],
        },
      );
    await this.secrets.set(this.ref(connectionId), u.toString());
    return this.info(connectionId);
  }

  private async connectionName(connectionId: string): Promise<string> {
    return (
      (await this.connections.resolve(connectionId).catch(() => undefined))?.profile.name ??
      connectionId
    );
  }

  /** Sends a raised alert once and records how it went on the alert; no URL, nothing is sent. */
  async deliver(alert: Alert): Promise<AlertDelivery | undefined> {
    const url = await this.secrets.get(this.ref(alert.connectionId));
    if (!url) return undefined;
    const delivery = await postAlert(
      url,
      outboundBody(alert, await this.connectionName(alert.connectionId)),
    );
    await this.store.update(alert.connectionId, (doc) => {
      const held = doc.alerts.find((a) => a.id === alert.id);
      if (held) held.delivery = delivery;
    });
    return delivery;
  }

  /** "Send a test alert": the same body as a real alert, marked as a test, recorded nowhere. */
  async test(connectionId: string): Promise<AlertDelivery> {
    const url = await this.secrets.get(this.ref(connectionId));
    if (!url) fail('validation', 'No alert webhook is set for this connection.');
    const now = new Date().toISOString();
    const sample: Alert = {
      id: 'alr-test',
      connectionId,
      siteId: '',
      siteLabel: '(test message)',
      target: '-',
      kind: 'health',
      title: 'Test alert from Integration Ops',
      detail: 'If you can read this, alerts of this connection reach this channel.',
      raisedAt: now,
      state: 'open',
    };
    return postAlert(url, outboundBody(sample, await this.connectionName(connectionId)));
  }
}
