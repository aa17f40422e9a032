import { join } from 'node:path';
import type { CallContext, ClientId, Emit, HandlersOf } from '../../../shared/bridge';
import { fail } from '../../../shared/bridge/errors';
import type { alertsCalls } from '../../../shared/bridge/calls/alerts';
import type { Alert, WatchEvent } from '../../../shared/domain/alerts/schema';
import { systemClock, type Clock } from '../../base/clock';
import type { ApiService } from '../api';
import type { ConnectionService } from '../connections/connection-service';
import type { DamageSink } from '../damage/register';
import type { Feature } from '../feature';
import type { SecretStore } from '../secrets/types';
import type { SettingsStore } from '../settings/settings-store';
import type { SnapshotStore } from '../snapshots/store';
import { AlertStore } from './alert-store';
import { OutboundAlerts } from './outbound-alerts';
import { WatchService, type WatchDeps } from './watch-service';

export interface AlertsDeps {
  dataDir: string;
  emit: Emit;
  settings: SettingsStore;
  secrets: SecretStore;
  connections: ConnectionService;
  api: ApiService;
  snapshots: SnapshotStore;
  damage: DamageSink;
  ours: WatchDeps['ours'];
  clock?: Clock;
}

export interface AlertsFeature extends Feature<HandlersOf<typeof alertsCalls, CallContext>> {
  watch: WatchService;
  clientGone(client: ClientId): void;
  /** What the watch saw on a site in a time range, for the incident timeline. */
  eventsOf(connectionId: string, siteId: string, from: string, to: string): Promise<WatchEvent[]>;
}

/** Alerts: the watch of every site of the selected connection, their store, the outbound webhook. */
export function createAlertsFeature(deps: AlertsDeps): AlertsFeature {
  const store = new AlertStore(join(deps.dataDir, 'alerts'), deps.damage);
  const outbound = new OutboundAlerts(deps.secrets, deps.connections, store);
  const watch = new WatchService({
    connections: deps.connections,
    api: deps.api,
    snapshots: deps.snapshots,
    settings: deps.settings,
    store,
    outbound,
    emit: deps.emit,
    clock: deps.clock ?? systemClock,
    ours: deps.ours,
  });

  /** Acknowledge or resolve: the state, who and when, and a timeline event. */
  async function settle(
    i: { connectionId: string; alertId: string; note?: string | undefined },
    to: 'acknowledged' | 'resolved',
  ): Promise<Alert> {
    const by = deps.settings.settings.operatorName || '(no operator name set)';
    const at = new Date().toISOString();
    const alert = await deps.connections.resolve(i.connectionId).then(() =>
      store.update(i.connectionId, (doc) => {
        const a = doc.alerts.find((x) => x.id === i.alertId);
        if (!a) return undefined;
        if (a.state === 'resolved' || a.state === to) return a;
        a.state = to;
        if (to === 'acknowledged') Object.assign(a, { acknowledgedAt: at, acknowledgedBy: by });
        else Object.assign(a, { resolvedAt: at, resolvedBy: by });
        if (i.note) a.note = i.note;
        doc.events.push({
          at,
          connectionId: a.connectionId,
          siteId: a.siteId,
          target: a.target,
          kind: to === 'acknowledged' ? 'alert_acknowledged' : 'alert_resolved',
          text: `Alert ${to} by ${by}: ${a.title}${i.note ? ` — ${i.note}` : ''}`,
          alertId: a.id,
        });
        return { ...a };
      }),
    );
    if (!alert) fail('not_found', `No alert ${i.alertId} on this connection.`);
    await watch.changed(i.connectionId);
    return alert;
  }

  return {
    watch,
    clientGone: (client) => watch.clientGone(client),
    async eventsOf(connectionId, siteId, from, to) {
      const doc = await store.read(connectionId);
      return doc.events.filter((e) => e.siteId === siteId && e.at >= from && e.at <= to);
    },
    handlers: {
      'alerts.watch': async (i, ctx) => {
        await deps.connections.resolve(i.connectionId);
        watch.select(ctx.client, i.connectionId);
        return { watching: watch.watched() };
      },
      'alerts.list': async (i) => {
        const doc = await store.read(i.connectionId);
        return {
          alerts: [...doc.alerts].reverse(),
          openCount: doc.alerts.filter((a) => a.state === 'open').length,
          watch: watch.statusOf(i.connectionId),
        };
      },
      'alerts.acknowledge': (i) => settle(i, 'acknowledged'),
      'alerts.resolve': (i) => settle(i, 'resolved'),
      'alerts.outbound': (i) => outbound.info(i.connectionId),
      'alerts.setOutbound': (i) => outbound.set(i.connectionId, i.url),
      'alerts.testOutbound': (i) => outbound.test(i.connectionId),
    },
    close: () => watch.close(),
  };
}
