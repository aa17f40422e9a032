import type { ClientId, Emit } from '../../../shared/bridge';
import type { Alert } from '../../../shared/domain/alerts/schema';
import type { Clock } from '../../base/clock';
import type { ApiService } from '../api';
import type { ConnectionService } from '../connections/connection-service';
import type { SettingsStore } from '../settings/settings-store';
import type { SnapshotStore } from '../snapshots/store';
import type { AlertStore } from './alert-store';
import { applyRound, outsideChanges } from './apply-round';
import type { OutboundAlerts } from './outbound-alerts';
import { readSite } from './read-site';

export interface WatchDeps {
  connections: ConnectionService;
  api: ApiService;
  snapshots: SnapshotStore;
  settings: SettingsStore;
  store: AlertStore;
  outbound: OutboundAlerts;
  emit: Emit;
  clock: Clock;
  /** Whether a change of ours applied or rolled back `target` since `since` (from the change journal). */
  ours(connectionId: string, siteId: string, target: string, since: string): Promise<boolean>;
}

/** How the watch of one connection is doing, for the Alerts screen. */
export interface WatchStatus {
  sites: number;
  lastRoundAt?: string | undefined;
  /** Sites the last round could not read, with the reason. */
  errors: { siteId: string; label: string; message: string }[];
}

/**
 * The watch: while the app runs, every site of the connection each window (or browser tab) has
 * selected is read on the auto-refresh interval, whatever screen is open and with no change
 * being monitored. Conditions become alerts once (see applyRound); each new alert goes to every
 * window (`alerts.raised`: a desktop notification; `alerts.changed`: the Alerts screen and the
 * window title's count) and once to the connection's outbound webhook, if one is set.
 * Rounds never overlap: the next one is scheduled when the previous one has ended.
 */
export class WatchService {
  private readonly selected = new Map<ClientId, string>();
  /** Kept when the last window closes: the app still runs (Electron on macOS) and keeps watching. */
  private last: string | undefined;
  private timer: unknown;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly status = new Map<string, WatchStatus>();

  constructor(private readonly d: WatchDeps) {}

  /** The connection a window or tab has selected; a newly watched connection gets a round now. */
  select(client: ClientId, connectionId: string): void {
    const fresh = !this.watched().includes(connectionId);
    this.selected.set(client, connectionId);
    this.last = connectionId;
    if (fresh || (!this.timer && !this.running)) this.schedule(0);
  }

  clientGone(client: ClientId): void {
    this.selected.delete(client);
  }

  watched(): string[] {
    const ids = new Set(this.selected.values());
    if (ids.size === 0 && this.last) ids.add(this.last);
    return [...ids];
  }

  statusOf(connectionId: string): WatchStatus & { everySec: number; watching: boolean } {
    return {
      sites: this.d.connections.listSites().filter((s) => s.connectionId === connectionId).length,
      errors: [],
      ...this.status.get(connectionId),
      everySec: this.d.settings.settings.refreshIntervalSec,
      watching: this.watched().includes(connectionId),
    };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) this.d.clock.clearTimer(this.timer);
    this.timer = this.d.clock.setTimer(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    this.timer = undefined;
    // A round in flight finishes first; it schedules the next one itself.
    if (this.running) return;
    this.running = this.roundAll();
    await this.running;
    this.running = undefined;
    this.schedule(this.d.settings.settings.refreshIntervalSec * 1000);
  }

  private async roundAll(): Promise<void> {
    for (const connectionId of this.watched()) {
      if (this.stopped) return;
      await this.round(connectionId).catch((error: unknown) =>
        console.error(`[alerts] watch round of ${connectionId} failed: ${String(error)}`),
      );
    }
  }

  /** One round over every site of a connection; exposed so tests can drive rounds by hand. */
  async round(connectionId: string): Promise<Alert[]> {
    const sites = this.d.connections.listSites().filter((s) => s.connectionId === connectionId);
    const status: WatchStatus = { sites: sites.length, errors: [] };
    const raised: Alert[] = [];
    for (const site of sites) {
      try {
        const doc = await this.d.store.read(connectionId);
        const now = () => new Date(this.d.clock.now());
        const readAt = now();
        const sights = await readSite(
          { api: this.d.api, store: this.d.snapshots, now },
          site,
          doc.seen,
        );
        const outside = await outsideChanges(doc, site, sights, (target, since) =>
          this.d.ours(connectionId, site.siteId, target, since),
        );
        raised.push(
          ...(await this.d.store.update(connectionId, (next) =>
            applyRound(next, site, sights, outside, now(), readAt),
          )),
        );
      } catch (error) {
        status.errors.push({
          siteId: site.siteId,
          label: site.label,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    status.lastRoundAt = new Date(this.d.clock.now()).toISOString();
    this.status.set(connectionId, status);
    for (const alert of raised) this.d.emit('alerts.raised', alert);
    await this.changed(connectionId, status.lastRoundAt);
    // After the windows are told: a slow chat webhook never delays the notification.
    for (const alert of raised) await this.d.outbound.deliver(alert);
    if (raised.length) await this.changed(connectionId);
    return raised;
  }

  /** Tells every window the connection's alerts changed, with the count the title shows. */
  async changed(connectionId: string, roundAt?: string): Promise<void> {
    const doc = await this.d.store.read(connectionId);
    this.d.emit('alerts.changed', {
      connectionId,
      openCount: doc.alerts.filter((a) => a.state === 'open').length,
      ...(roundAt ? { roundAt } : {}),
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.d.clock.clearTimer(this.timer);
    await this.running;
  }
}
