import { join } from 'node:path';
import { z } from 'zod';
import { Alert, WatchEvent } from '../../../shared/domain/alerts/schema';
import { KeyedQueue } from '../../base/keyed-queue';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

/** What the last round saw of one target of one site: flips and outside changes are seen against it. */
export const Seen = z.object({
  /** When that round began reading. */
  at: z.string(),
  status: z.string().optional(),
  updatedAt: z.string().optional(),
  drifted: z.boolean().optional(),
  /** The last busy health window (>= 10 sent): the usual rate silence is measured against. */
  usual: z.object({ minutes: z.number(), sent: z.number() }).optional(),
});
export type Seen = z.infer<typeof Seen>;

const AlertsDoc = z.object({
  schemaVersion: z.literal(1),
  alerts: z.array(Alert),
  events: z.array(WatchEvent),
  /** Conditions present at the last round, by key, with the alert raised for each. */
  active: z.record(z.string(), z.string()),
  /** By `<siteId>/<target>`. */
  seen: z.record(z.string(), Seen),
});
export type AlertsDoc = z.infer<typeof AlertsDoc>;

/** Kept per connection; beyond these the oldest go (resolved alerts first). */
const MAX_ALERTS = 500;
const MAX_EVENTS = 5000;

const empty = (): AlertsDoc => ({ schemaVersion: 1, alerts: [], events: [], active: {}, seen: {} });

/**
 * The alerts and what the watch saw, one file per connection (`<dataDir>/alerts/<connectionId>.json`),
 * written atomically. Every change to a connection's file runs in its serial section, so a round
 * and an acknowledgement never overwrite each other. A damaged file is moved aside and reported;
 * the watch then starts afresh (a condition still present is raised again, which is the safe side).
 */
export class AlertStore {
  private readonly docs = new Map<string, AlertsDoc>();
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink = () => undefined,
  ) {}

  private path(connectionId: string): string {
    return join(this.dir, `${connectionId}.json`);
  }

  private async load(connectionId: string): Promise<AlertsDoc> {
    const held = this.docs.get(connectionId);
    if (held) return held;
    const file = this.path(connectionId);
    const r = await loadJsonFile(file, AlertsDoc, { newestVersion: 1 });
    if (r.state === 'quarantined')
      this.damage({
        store: 'alerts',
        file,
        movedTo: r.movedTo,
        reason: r.reason,
        lost: `the alerts of connection ${connectionId} and what the watch saw (health flips, drift, outside changes) for the incident timeline; conditions still present are raised again`,
      });
    const doc = r.state === 'ok' ? r.value : empty();
    this.docs.set(connectionId, doc);
    return doc;
  }

  /** A copy of the connection's document (never the held one: callers cannot edit it by accident). */
  read(connectionId: string): Promise<AlertsDoc> {
    return this.queue.run(connectionId, async () => structuredClone(await this.load(connectionId)));
  }

  /** Changes the document in the connection's serial section and writes it; returns `fn`'s answer. */
  update<T>(connectionId: string, fn: (doc: AlertsDoc) => T): Promise<T> {
    return this.queue.run(connectionId, async () => {
      const next = structuredClone(await this.load(connectionId));
      const answer = fn(next);
      trim(next);
      await saveJsonFile(this.path(connectionId), AlertsDoc.parse(next));
      this.docs.set(connectionId, next);
      return answer;
    });
  }

  /** Forgets a removed connection's alerts from memory (its file stays, like its journal). */
  forget(connectionId: string): void {
    this.docs.delete(connectionId);
  }
}

function trim(doc: AlertsDoc): void {
  if (doc.alerts.length > MAX_ALERTS) {
    const live = new Set(Object.values(doc.active));
    const drop = doc.alerts
      .filter((a) => a.state === 'resolved' && !live.has(a.id))
      .slice(0, doc.alerts.length - MAX_ALERTS);
    const gone = new Set(drop.map((a) => a.id));
    doc.alerts = doc.alerts.filter((a) => !gone.has(a.id)).slice(-MAX_ALERTS);
  }
  if (doc.events.length > MAX_EVENTS) doc.events = doc.events.slice(-MAX_EVENTS);
}
