import { join } from 'node:path';
import { z } from 'zod';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { RunbookFields, type Runbook } from '../../../shared/domain/workflow/runbook';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';
import { defaultRunbook } from './defaults';

const Saved = RunbookFields.extend({ updatedAt: z.string(), updatedBy: z.string() });
const SiteFile = z.object({ schemaVersion: z.literal(1), runbooks: z.record(z.string(), Saved) });
type SiteFile = z.infer<typeof SiteFile>;

/**
 * Runbooks of one site in one file, `<dataDir>/runbooks/<connectionId>/<siteId>.json`, written
 * atomically; a corrupt file is quarantined and reported on screen rather than reset. Reads and
 * writes of one site run one at a time, so a damaged file is moved aside (and reported) once.
 */
export class RunbookStore {
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink = () => undefined,
  ) {}

  private path(connectionId: string, siteId: string) {
    return join(this.dir, connectionId, `${siteId}.json`);
  }

  private serial<T>(connectionId: string, siteId: string, fn: () => Promise<T>): Promise<T> {
    const k = `${connectionId}/${siteId}`;
    const next = (this.queue.get(k) ?? Promise.resolve()).then(fn, fn);
    this.queue.set(
      k,
      next.catch(() => undefined),
    );
    return next;
  }

  private async read(connectionId: string, siteId: string): Promise<SiteFile> {
    const file = this.path(connectionId, siteId);
    const r = await loadJsonFile(file, SiteFile, { newestVersion: 1 });
    if (r.state === 'quarantined')
      this.damage({
        store: 'runbooks',
        file,
        movedTo: r.movedTo,
        reason: r.reason,
        lost: `the runbooks of site ${siteId} (connection ${connectionId}): owners, escalation paths, business cycles and rollback notes of every target; the defaults are shown until they are entered again`,
      });
    return r.state === 'ok' ? r.value : { schemaVersion: 1, runbooks: {} };
  }

  get(connectionId: string, siteId: string, target: SnapshotTarget): Promise<Runbook> {
    return this.serial(connectionId, siteId, async () => {
      const saved = (await this.read(connectionId, siteId)).runbooks[target];
      return saved
        ? { ...saved, target, saved: true }
        : { ...defaultRunbook(target), target, saved: false };
    });
  }

  list(connectionId: string, siteId: string): Promise<Runbook[]> {
    return this.serial(connectionId, siteId, async () => {
      const file = await this.read(connectionId, siteId);
      return Object.entries(file.runbooks).map(([target, r]) => ({
        ...r,
        target: target,
        saved: true,
      }));
    });
  }

  save(
    connectionId: string,
    siteId: string,
    target: SnapshotTarget,
    fields: z.infer<typeof RunbookFields>,
    by: string,
  ): Promise<Runbook> {
    return this.serial(connectionId, siteId, async () => {
      const file = await this.read(connectionId, siteId);
      const saved = { ...fields, updatedAt: new Date().toISOString(), updatedBy: by };
      file.runbooks[target] = saved;
      await saveJsonFile(this.path(connectionId, siteId), file);
      return { ...saved, target, saved: true } satisfies Runbook;
    });
  }
}
