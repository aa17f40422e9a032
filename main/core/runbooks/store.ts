import { join } from 'node:path';
import { z } from 'zod';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { RunbookFields, type Runbook } from '../../../shared/domain/workflow/runbook';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';
import { defaultRunbook } from './defaults';

const Saved = RunbookFields.extend({ updatedAt: z.string(), updatedBy: z.string() });
const SiteFile = z.object({ schemaVersion: z.literal(1), runbooks: z.record(z.string(), Saved) });
type SiteFile = z.infer<typeof SiteFile>;

/**
 * Runbooks of one site in one file, `<dataDir>/runbooks/<connectionId>/<siteId>.json`, written
 * atomically; a corrupt file is quarantined (and reported) rather than reset.
 */
export class RunbookStore {
  readonly problems: string[] = [];
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  private path(connectionId: string, siteId: string) {
    return join(this.dir, connectionId, `${siteId}.json`);
  }

  private async read(connectionId: string, siteId: string): Promise<SiteFile> {
    const r = await loadJsonFile(this.path(connectionId, siteId), SiteFile, { newestVersion: 1 });
    if (r.state === 'quarantined')
      this.problems.push(`The runbooks of site ${siteId} ${r.reason}; moved to ${r.movedTo}.`);
    return r.state === 'ok' ? r.value : { schemaVersion: 1, runbooks: {} };
  }

  async get(connectionId: string, siteId: string, target: SnapshotTarget): Promise<Runbook> {
    const saved = (await this.read(connectionId, siteId)).runbooks[target];
    return saved
      ? { ...saved, target, saved: true }
      : { ...defaultRunbook(target), target, saved: false };
  }

  async list(connectionId: string, siteId: string): Promise<Runbook[]> {
    const file = await this.read(connectionId, siteId);
    return Object.entries(file.runbooks).map(([target, r]) => ({
      ...r,
      target: target,
      saved: true,
    }));
  }

  save(
    connectionId: string,
    siteId: string,
    target: SnapshotTarget,
    fields: z.infer<typeof RunbookFields>,
    by: string,
  ): Promise<Runbook> {
    const k = `${connectionId}/${siteId}`;
    const run = async () => {
      const file = await this.read(connectionId, siteId);
      const saved = { ...fields, updatedAt: new Date().toISOString(), updatedBy: by };
      file.runbooks[target] = saved;
      await saveJsonFile(this.path(connectionId, siteId), file);
      return { ...saved, target, saved: true } satisfies Runbook;
    };
    const next = (this.queue.get(k) ?? Promise.resolve()).then(run, run);
    this.queue.set(
      k,
      next.catch(() => undefined),
    );
    return next;
  }
}
