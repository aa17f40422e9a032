import { join } from 'node:path';
import { z } from 'zod';
import { ChangeDraft } from '../../../shared/bridge/calls/changes';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

const DraftFile = z.object({ schemaVersion: z.literal(1), draft: ChangeDraft });

/**
 * The operator's draft of a change: a local file, overwritten atomically on every save, so it is
 * editable with the API unreachable and survives a reload or a restart.
 */
export class DraftStore {
  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink = () => undefined,
  ) {}

  private path(id: string): string {
    return join(this.dir, `${id}.draft.json`);
  }

  async load(id: string): Promise<ChangeDraft | undefined> {
    const file = this.path(id);
    const r = await loadJsonFile(file, DraftFile, { newestVersion: 1 });
    if (r.state === 'quarantined')
      this.damage({
        store: 'drafts',
        file,
        movedTo: r.movedTo,
        reason: r.reason,
        lost: `the draft of change ${id} (edits not yet applied); the Config step starts again from the baseline`,
        changeId: id,
      });
    return r.state === 'ok' ? r.value.draft : undefined;
  }

  async save(id: string, draft: ChangeDraft): Promise<void> {
    await saveJsonFile(this.path(id), { schemaVersion: 1, draft });
  }
}
