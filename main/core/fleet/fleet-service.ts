import { OpsFailure, type Emit, type Fetched, type Site } from '../../../shared/bridge';

import type {
  FleetConnectionStatus,
  FleetPicture,
  FleetRow,
} from '../../../shared/bridge/calls/fleet';
import type { SiteHealth } from '../../../shared/contract';
import type { RequestBudget } from '../scheduler/request-budget';
import type { Clock } from '../../base/clock';
import { errorCell, healthCell, heatOf } from './health-cell';
import { ConnectionPoller, type ReadOutcome } from './poller';
import type { RoundsConfig } from './rounds';

/** The cells main knows without asking the API: the change journal, runbooks, snapshots. */
export interface LocalCells {
  cellsOf(
    site: Site,
    health: FleetRow['health'],
  ): Promise<Pick<FleetRow, 'drift' | 'openChange' | 'lastChange' | 'compliance'>>;
}

export interface FleetServiceDeps {
  clock: Clock;
  emit: Emit;
  sites(): readonly Site[];
  connections(): readonly { id: string; name: string }[];
  /** A display read: the offline copy (stale) when the API cannot be reached. */
  readHealth(connectionId: string, siteId: string): Promise<Fetched<SiteHealth>>;
  cachedHealth(connectionId: string, siteId: string): Promise<Fetched<SiteHealth> | undefined>;
  budget(connectionId: string): RequestBudget;
  local?: LocalCells;
  rounds?: Partial<RoundsConfig>;
  /** Polling stops this long after the last screen asked for the fleet. */
  idleMs?: number;
  /** Changed rows are pushed at most this often. */
  flushMs?: number;
}

const UNREACHABLE = new Set(['network', 'timeout', 'offline']);
/** Not the site's fault: the connection's own budget or a cancelled call. */
const NOT_THE_SITE = new Set(['rate_limited', 'cancelled']);

interface Polling {
  poller: ConnectionPoller;
  startedAt: number;
  completeAfterMs: number | undefined;
  offline: boolean;
}

/**
 * Every site of every connection in one picture: rows built from health reads (polled per
 * connection through its request scheduler) and from local state, pushed to screens in batches.
 * Polling runs while a screen watches and stops `idleMs` after the last one asked.
 */
export class FleetService {
  private readonly rows = new Map<string, FleetRow>();
  private readonly polling = new Map<string, Polling>();
  private visible: ReadonlySet<string> = new Set();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private flushTimer: unknown;
  private idleTimer: unknown;
  private lastWatch = 0;
  private closed = false;

  constructor(private readonly deps: FleetServiceDeps) {}

  /** The whole picture now; starts or keeps the polling alive. */
  picture(): FleetPicture {
    this.watch();
    return { rows: [...this.rows.values()], status: this.status() };
  }

  setVisible(keys: readonly string[]): void {
    this.visible = new Set(keys);
    this.watch();
    for (const p of this.polling.values()) p.poller.setVisible(this.visible);
  }

  /** Saved sites changed (import, removal, relabel): rows and pollers follow. */
  syncSites(): void {
    const names = new Map(this.deps.connections().map((c) => [c.id, c.name]));
    const byConnection = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const site of this.deps.sites()) {
      seen.add(site.id);
      const prev = this.rows.get(site.id);
      const connectionName = names.get(site.connectionId) ?? site.connectionId;
      if (!prev || prev.label !== site.label || prev.connectionName !== connectionName) {
        this.rows.set(site.id, {
          key: site.id,
          connectionId: site.connectionId,
          connectionName,
          siteId: site.siteId,
          label: site.label,
          health: prev?.health ?? null,
          drift: prev?.drift ?? null,
          openChange: prev?.openChange ?? null,
          lastChange: prev?.lastChange ?? null,
          compliance: prev?.compliance ?? null,
        });
        this.touched(site.id);
      }
      byConnection.set(site.connectionId, [
        ...(byConnection.get(site.connectionId) ?? []),
        site.id,
      ]);
    }
    for (const key of [...this.rows.keys()])
      if (!seen.has(key)) {
        this.rows.delete(key);
        this.dirty.delete(key);
        this.removed.add(key);
        this.scheduleFlush();
      }
    for (const [id, p] of this.polling)
      if (!byConnection.has(id)) {
        p.poller.stop();
        this.polling.delete(id);
      }
    for (const [id, keys] of byConnection) this.pollingOf(id).poller.setSites(keys);
  }

  private pollingOf(connectionId: string): Polling {
    let p = this.polling.get(connectionId);
    if (p) return p;
    // While the first picture loads, interactive calls keep a tenth of the budget; then half.
    this.deps.budget(connectionId).setReserve(0.1);
    const poller = new ConnectionPoller({
      clock: this.deps.clock,
      read: (key) => this.read(key),
      readCached: (key) => this.readCached(key),
      onComplete: () => {
        const q = this.polling.get(connectionId);
        if (q) q.completeAfterMs = this.deps.clock.now() - q.startedAt;
        this.deps.budget(connectionId).setReserve(0.5);
        this.scheduleFlush();
      },
      ...(this.deps.rounds ? { config: this.deps.rounds } : {}),
    });
    poller.setVisible(this.visible);
    p = { poller, startedAt: this.deps.clock.now(), completeAfterMs: undefined, offline: false };
    this.polling.set(connectionId, p);
    if (this.lastWatch) poller.start();
    return p;
  }

  private watch(): void {
    if (this.closed) return;
    const first = this.lastWatch === 0;
    this.lastWatch = this.deps.clock.now();
    this.syncSites();
    if (first) for (const p of this.polling.values()) p.poller.start();
    if (this.idleTimer === undefined) this.armIdle();
  }

  private armIdle(): void {
    const idleMs = this.deps.idleMs ?? 120_000;
    this.idleTimer = this.deps.clock.setTimer(() => {
      this.idleTimer = undefined;
      if (this.deps.clock.now() - this.lastWatch < idleMs) return this.armIdle();
      // Nobody looks at the fleet: stop spending the API's budget on it.
      for (const p of this.polling.values()) p.poller.stop();
      this.lastWatch = 0;
    }, idleMs / 4);
  }

  private async read(key: string): Promise<ReadOutcome> {
    const row = this.rows.get(key);
    if (!row) return { heat: 'calm', unreachable: false };
    let unreachable = false;
    try {
      const r = await this.deps.readHealth(row.connectionId, row.siteId);
      row.health = healthCell(r);
      unreachable = r.stale;
    } catch (error) {
      const e = error instanceof OpsFailure ? error.error : undefined;
      if (e && UNREACHABLE.has(e.kind)) unreachable = true;
      else if (!e || !NOT_THE_SITE.has(e.kind))
        row.health = errorCell(
          e?.message ?? String(error),
          new Date(this.deps.clock.now()).toISOString(),
        );
    }
    this.noteOffline(row.connectionId, unreachable);
    await this.refreshLocal(row);
    this.touched(key);
    return { heat: heatOf(row.health, !!row.openChange), unreachable };
  }

  private async readCached(key: string): Promise<ReadOutcome['heat'] | undefined> {
    const row = this.rows.get(key);
    if (!row || row.health) return row ? heatOf(row.health, !!row.openChange) : undefined;
    const cached = await this.deps.cachedHealth(row.connectionId, row.siteId);
    if (!cached) return undefined;
    row.health = healthCell(cached);
    await this.refreshLocal(row);
    this.touched(key);
    return heatOf(row.health, !!row.openChange);
  }

  private noteOffline(connectionId: string, offline: boolean): void {
    const p = this.polling.get(connectionId);
    if (!p || p.offline === offline) return;
    p.offline = offline;
    // Unreachable now: what every row of the connection shows is its last-known state.
    if (offline)
      for (const row of this.rows.values()) {
        if (row.connectionId !== connectionId) continue;
        if (row.health && !row.health.stale) row.health = { ...row.health, stale: true };
        if (row.drift && !row.drift.stale) row.drift = { ...row.drift, stale: true };
        this.dirty.add(row.key);
      }
    this.scheduleFlush();
  }

  /** The rows by key (the checklist matrix reads the providers each site's health named). */
  rowMap(): ReadonlyMap<string, FleetRow> {
    return this.rows;
  }

  /** A change on a site opened, moved or closed: its local cells (and its heat) follow now. */
  async siteChanged(connectionId: string, siteId: string): Promise<void> {
    for (const row of this.rows.values()) {
      if (row.connectionId !== connectionId || row.siteId !== siteId) continue;
      await this.refreshLocal(row);
      this.polling.get(connectionId)?.poller.setHeat(row.key, heatOf(row.health, !!row.openChange));
      this.touched(row.key);
    }
  }

  /** The journal, runbook and snapshot cells of one row. */
  async refreshLocal(row: FleetRow): Promise<void> {
    if (!this.deps.local) return;
    const site = this.deps.sites().find((s) => s.id === row.key);
    if (!site) return;
    Object.assign(row, await this.deps.local.cellsOf(site, row.health));
  }

  private touched(key: string): void {
    this.dirty.add(key);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.closed) return;
    this.flushTimer = this.deps.clock.setTimer(() => {
      this.flushTimer = undefined;
      const rows = [...this.dirty].flatMap((k) => this.rows.get(k) ?? []);
      const removed = [...this.removed];
      this.dirty.clear();
      this.removed.clear();
      this.deps.emit('fleet.rows', { rows, removed, status: this.status() });
    }, this.deps.flushMs ?? 250);
  }

  status(): FleetConnectionStatus[] {
    const names = new Map(this.deps.connections().map((c) => [c.id, c.name]));
    return [...this.polling].map(([connectionId, p]) => {
      const rows = [...this.rows.values()].filter((r) => r.connectionId === connectionId);
      const b = this.deps.budget(connectionId).view();
      return {
        connectionId,
        name: names.get(connectionId) ?? connectionId,
        sites: rows.length,
        read: rows.filter((r) => r.health).length,
        ...(p.completeAfterMs !== undefined ? { completeAfterMs: p.completeAfterMs } : {}),
        round: p.poller.round,
        offline: p.offline,
        budget: {
          ...(b.limit !== undefined ? { limit: b.limit } : {}),
          perMinute: b.perMinute,
          reserve: b.reserve,
          blockedForMs: b.blockedForMs,
          waiting: b.waiting,
          sent: b.sent,
          rateLimited: b.rateLimited,
        },
      };
    });
  }

  close(): void {
    this.closed = true;
    for (const p of this.polling.values()) p.poller.stop();
    if (this.flushTimer !== undefined) this.deps.clock.clearTimer(this.flushTimer);
    if (this.idleTimer !== undefined) this.deps.clock.clearTimer(this.idleTimer);
  }
}
