import { isDeepStrictEqual } from 'node:util';
import { fail } from '../../../shared/bridge/errors';
import { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import type { Runbook, RunbookFields } from '../../../shared/domain/workflow/runbook';
import { readJson, RUNBOOK_FIELDS, RunbookFile, type RunbookField } from '../workspace/files';
import { runbookPath, siteDir, targetOfFolder } from '../workspace/layout';
import type { SnapshotsWorkspace } from '../snapshots/workspace-access';
import { defaultRunbook } from './defaults';

/**
 * Runbooks in the team workspace, one `runbook.json` per site x target, so two laptops editing
 * different targets never touch the same file and edits of one runbook merge field by field.
 */
export class RunbookStore {
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly w: SnapshotsWorkspace,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private path(connectionId: string, siteId: string, target: SnapshotTarget) {
    return runbookPath(this.w.places.site(connectionId, siteId), target);
  }

  /** A damaged file is repaired from the repository or quarantined, and reported on screen. */
  private async read(path: string): Promise<RunbookFile | undefined> {
    const [, , siteId, target] = path.split('/');
    const text = await this.w.ws.guard.read(path, {
      store: 'runbooks',
      lost: `the runbook of ${target} on site ${siteId}: owner, escalation path, business cycle and rollback notes; the defaults are shown until they are entered again`,
    });
    return text === undefined ? undefined : readJson(RunbookFile, text);
  }

  private view(file: RunbookFile | undefined, target: SnapshotTarget): Runbook {
    if (!file) return { ...defaultRunbook(target), target, saved: false, conflicts: [] };
    return {
      ...file.runbook,
      target,
      saved: true,
      updatedAt: file.updatedAt,
      updatedBy: file.updatedBy,
      conflicts: file.conflicts,
    };
  }

  async get(connectionId: string, siteId: string, target: SnapshotTarget): Promise<Runbook> {
    return this.view(await this.read(this.path(connectionId, siteId, target)), target);
  }

  async list(connectionId: string, siteId: string): Promise<Runbook[]> {
    const out: Runbook[] = [];
    const dir = siteDir(this.w.places.site(connectionId, siteId));
    for (const name of (await this.w.ws.list(dir)).sort()) {
      const t = SnapshotTarget.safeParse(targetOfFolder(name));
      if (!t.success) continue;
      const file = await this.read(this.path(connectionId, siteId, t.data));
      if (file) out.push(this.view(file, t.data));
    }
    return out;
  }

  private serial<T>(key: string, run: () => Promise<T>): Promise<T> {
    const next = (this.queue.get(key) ?? Promise.resolve()).then(run, run);
    this.queue.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Saves the fields; who changed which field is kept, so a later merge can name both sides. */
  save(
    connectionId: string,
    siteId: string,
    target: SnapshotTarget,
    fields: RunbookFields,
    by: string,
  ): Promise<Runbook> {
    const path = this.path(connectionId, siteId, target);
    return this.serial(path, async () => {
      const prev = await this.read(path);
      const at = this.now().toISOString();
      const fieldBy = { ...(prev?.fieldBy ?? {}) };
      for (const f of RUNBOOK_FIELDS)
        if (!prev || !isDeepStrictEqual(prev.runbook[f], fields[f])) fieldBy[f] = { by, at };
      const file: RunbookFile = {
        schemaVersion: 1,
        runbook: fields,
        fieldBy,
        updatedAt: at,
        updatedBy: by,
        conflicts: prev?.conflicts ?? [],
      };
      await this.write(
        connectionId,
        siteId,
        path,
        file,
        `Runbook of ${target} on ${siteId} (${by})`,
      );
      return this.view(file, target);
    });
  }

  /** An operator chose one of the values of a conflicting field: it wins, the other stays in history. */
  resolve(
    connectionId: string,
    siteId: string,
    target: SnapshotTarget,
    field: RunbookField,
    choice: number,
    by: string,
  ): Promise<Runbook> {
    const path = this.path(connectionId, siteId, target);
    return this.serial(path, async () => {
      const file = await this.read(path);
      const conflict = file?.conflicts.find((c) => c.field === field);
      const value = conflict?.values[choice];
      if (!file || !conflict || !value)
        fail('not_found', `There is no conflict on "${field}" in this runbook any more.`);
      const at = this.now().toISOString();
      const next: RunbookFile = {
        ...file,
        runbook: { ...file.runbook, [field]: value.value },
        fieldBy: { ...file.fieldBy, [field]: { by, at } },
        updatedAt: at,
        updatedBy: by,
        conflicts: file.conflicts.filter((c) => c.field !== field),
      };
      const others = conflict.values.filter((_, i) => i !== choice).map((v) => v.by);
      await this.write(
        connectionId,
        siteId,
        path,
        next,
        `Resolve the runbook conflict on ${field} of ${target}: ${by} chose ${value.by}'s value (kept in history: ${others.join(', ')})`,
      );
      return this.view(next, target);
    });
  }

  private async write(
    connectionId: string,
    siteId: string,
    path: string,
    file: RunbookFile,
    message: string,
  ): Promise<void> {
    await this.w.ws.commit(
      [
        ...(await this.w.describe({ connectionId, siteId, target: 'ga4' })),
        { path, text: JSON.stringify(file, null, 2) + '\n' },
      ],
      message,
    );
  }
}
